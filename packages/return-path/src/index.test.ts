import { describe, expect, it } from 'vitest';
import { isSafeReturnPath, safeReturnPath } from './index.js';

const FALLBACK = '/fallback';

/** What a browser would do with the kept path on https://hub.example: the origin it ends up on. */
function landsOn(path: string): string {
  return new URL(path, 'https://hub.example').origin;
}

describe('safeReturnPath', () => {
  it('keeps same-origin paths with their query and fragment', () => {
    expect(safeReturnPath('/account')).toBe('/account');
    expect(safeReturnPath('/apps/chat?room=42#latest')).toBe('/apps/chat?room=42#latest');
    expect(safeReturnPath('/oidc/authorize/resume/Ab-c_1?step_up=cancel')).toBe(
      '/oidc/authorize/resume/Ab-c_1?step_up=cancel',
    );
  });

  it('refuses the reviewed open redirect: dot segments that normalise to //host', () => {
    // /signin/step-up?return_to=%2Fa%2F..%2F%2Fevil.example%2Fstolen, as the page reads it.
    const returnTo = new URLSearchParams('return_to=%2Fa%2F..%2F%2Fevil.example%2Fstolen').get('return_to');
    expect(returnTo).toBe('/a/..//evil.example/stolen');
    expect(safeReturnPath(returnTo, FALLBACK)).toBe(FALLBACK);
  });

  it.each([
    ['/a/..//evil.example/stolen'],
    ['/a/b/../..//evil.example'],
    ['/./../..//evil.example'],
    ['/.//evil.example'],
    ['/a/%2e%2e//evil.example'],
    ['/a/%2E%2E//evil.example'],
    ['/a/.%2e//evil.example'],
    ['/a/../\\evil.example'],
    ['/a/..%2F%2Fevil.example'],
    ['/%2F%2Fevil.example'],
    ['/%5Cevil.example'],
    ['/%5C%5Cevil.example'],
    ['/a%2F..%2F%2Fevil.example%2Fstolen'],
    ['/a%2f..%2f%2fevil.example'],
    ['/a/..%5C%5Cevil.example'],
    ['/a/..%5Cevil.example'],
    ['/a/%2E/..//evil.example'],
    ['/a/..\t//evil.example'],
    ['//evil.example'],
    ['///evil.example'],
    ['/\\evil.example'],
    ['/\t/evil.example'],
    ['/\n/evil.example'],
    ['/\r/evil.example'],
    ['/\u0000/evil.example'],
    ['/\u0085/evil.example'],
    ['/ /evil.example'],
    ['https://evil.example/account'],
    ['http:/evil.example'],
    ['javascript:alert(1)'],
    ['JavaScript:alert(1)'],
    ['\tjavascript:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['evil.example'],
    ['account'],
    [' /account'],
    [''],
  ])('refuses %j', (value) => {
    expect(safeReturnPath(value, FALLBACK)).toBe(FALLBACK);
  });

  it('never returns a path that takes the browser to another origin', () => {
    const tries = [
      '/a/..//x.example',
      '/..//x.example',
      '/a/./..//x.example',
      '/a/%2e%2e/%2fx.example',
      '/%09/x',
    ];
    for (const value of tries) expect(landsOn(safeReturnPath(value, FALLBACK))).toBe('https://hub.example');
  });

  it('normalises harmless dot segments and stays on the origin', () => {
    expect(safeReturnPath('/../../account')).toBe('/account');
    expect(safeReturnPath('/a/./b/../c?x=1')).toBe('/a/c?x=1');
  });

  it('falls back when there is nothing to return to, or too much', () => {
    expect(safeReturnPath(null, FALLBACK)).toBe(FALLBACK);
    expect(safeReturnPath(undefined)).toBe('/');
    expect(safeReturnPath(`/${'a'.repeat(5000)}`, FALLBACK)).toBe(FALLBACK);
  });
});

describe('isSafeReturnPath', () => {
  it('accepts a normalised same-origin path and nothing else', () => {
    expect(isSafeReturnPath('/account?tab=security')).toBe(true);
    expect(isSafeReturnPath('/a/../account')).toBe(false);
    expect(isSafeReturnPath('/a/..//evil.example')).toBe(false);
    expect(isSafeReturnPath(undefined)).toBe(false);
  });
});
