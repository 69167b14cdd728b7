import { describe, expect, it } from 'vitest';
import { DEFAULT_AFTER_SIGN_IN, safeReturnTo, signInPathFor } from './return-to';

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
