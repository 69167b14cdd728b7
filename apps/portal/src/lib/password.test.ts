import { describe, expect, it } from 'vitest';
import { PASSWORD_MIN_LENGTH, passwordTooShort } from './password';

describe('passwordTooShort', () => {
  it('refuses fewer than 8 characters and accepts 8 or more', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(8);
    expect(passwordTooShort('')).toBe(true);
    expect(passwordTooShort('1234567')).toBe(true);
    expect(passwordTooShort('12345678')).toBe(false);
    expect(passwordTooShort('a much longer passphrase')).toBe(false);
  });

  it('counts characters as the hub does, not UTF-16 units', () => {
    // Four emoji are eight UTF-16 units but four characters.
    expect(passwordTooShort('🔑🔑🔑🔑')).toBe(true);
    expect(passwordTooShort('密码密码密码密码')).toBe(false);
  });
});
