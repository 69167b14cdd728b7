import { describe, expect, it } from 'vitest';
import {
  DEFAULT_AFTER_SIGN_IN,
  needsFullPageLoad,
  safeReturnTo,
  signInPathFor,
  withQueryParameter,
  withReturnTo,
} from './return-to';

describe('safeReturnTo', () => {
  it('keeps same-origin relative paths, with query and fragment', () => {
    expect(safeReturnTo('/account')).toBe('/account');
    expect(safeReturnTo('/apps/chat?room=42#latest')).toBe('/apps/chat?room=42#latest');
  });

  it.each([
    ['//evil.com'],
    ['//evil.com/account'],
    ['https://evil.com/account'],
    ['http://localhost:4000/account'],
    ['javascript:alert(1)'],
    ['/\\evil.com'],
    ['/\t/evil.com'],
    ['/\n/evil.com'],
    ['account'],
    [' /account'],
    [''],
  ])('refuses %j', (value) => {
    expect(safeReturnTo(value)).toBe(DEFAULT_AFTER_SIGN_IN);
  });

  it('falls back when there is nothing to return to', () => {
    expect(safeReturnTo(null)).toBe('/account');
    expect(safeReturnTo(undefined, '/elsewhere')).toBe('/elsewhere');
  });

  it('refuses dot segments that normalise to another host (the step-up open redirect)', () => {
    // /signin/step-up?return_to=%2Fa%2F..%2F%2Fevil.example%2Fstolen
    const returnTo = new URLSearchParams('return_to=%2Fa%2F..%2F%2Fevil.example%2Fstolen').get('return_to');
    expect(safeReturnTo(returnTo)).toBe(DEFAULT_AFTER_SIGN_IN);
    expect(safeReturnTo('/a/./../..//evil.example')).toBe(DEFAULT_AFTER_SIGN_IN);
    expect(safeReturnTo('/a/%2e%2e//evil.example')).toBe(DEFAULT_AFTER_SIGN_IN);
  });

  it('normalises dot segments without leaving the origin', () => {
    expect(safeReturnTo('/../../account')).toBe('/account');
  });
});

describe('signInPathFor', () => {
  it('keeps slashes readable and encodes the rest', () => {
    expect(signInPathFor('/account')).toBe('/signin?return_to=/account');
    expect(signInPathFor('/a?b=1&c=2')).toBe('/signin?return_to=/a%3Fb%3D1%26c%3D2');
  });

  it('round-trips through the sign-in page', () => {
    const path = '/a?b=1&c=2#d';
    const returnTo = new URL(signInPathFor(path), 'http://x').searchParams.get('return_to');
    expect(safeReturnTo(returnTo)).toBe(path);
  });
});

describe('withReturnTo', () => {
  it('carries a return_to to another page, such as sign-up', () => {
    const resume = '/oidc/authorize/resume/Ab-c_1';
    expect(withReturnTo('/signup', resume)).toBe('/signup?return_to=/oidc/authorize/resume/Ab-c_1');
    const carried = new URL(withReturnTo('/signup', '/consent?interaction=x&y=1'), 'http://x');
    expect(carried.pathname).toBe('/signup');
    expect(safeReturnTo(carried.searchParams.get('return_to'))).toBe('/consent?interaction=x&y=1');
  });
});

describe('needsFullPageLoad', () => {
  it("loads the hub's OpenID Connect paths as whole pages", () => {
    expect(needsFullPageLoad('/oidc/authorize/resume/abc')).toBe(true);
    expect(needsFullPageLoad(safeReturnTo('/oidc/authorize/resume/abc?x=1'))).toBe(true);
  });

  it("keeps the portal's own pages in the router", () => {
    for (const path of [
      '/account',
      '/consent?interaction=abc',
      '/oidc',
      '/oidcx/y',
      '/a/oidc/b',
      DEFAULT_AFTER_SIGN_IN,
    ]) {
      expect(needsFullPageLoad(path), path).toBe(false);
    }
  });

  it('decides on the sanitised value, so an unsafe return_to never loads', () => {
    expect(needsFullPageLoad(safeReturnTo('//evil.com/oidc/x'))).toBe(false);
    expect(needsFullPageLoad(safeReturnTo('https://evil.com/oidc/x'))).toBe(false);
    // Dot segments are resolved first: this one ends up on the hub's own path, on this origin.
    expect(safeReturnTo('/account/../oidc/authorize/resume/abc')).toBe('/oidc/authorize/resume/abc');
  });
});

describe('withQueryParameter', () => {
  it('adds the parameter, keeping the others and the fragment', () => {
    expect(withQueryParameter('/oidc/authorize/resume/abc', 'step_up', 'cancel')).toBe(
      '/oidc/authorize/resume/abc?step_up=cancel',
    );
    expect(withQueryParameter('/oidc/x?a=1&b=%2F#top', 'step_up', 'cancel')).toBe(
      '/oidc/x?a=1&b=%2F&step_up=cancel#top',
    );
  });

  it('stays on a safe path', () => {
    const path = withQueryParameter(safeReturnTo('//evil.com/oidc/x'), 'step_up', 'cancel');
    expect(path).toBe('/account?step_up=cancel');
    expect(safeReturnTo(path)).toBe(path);
  });
});
