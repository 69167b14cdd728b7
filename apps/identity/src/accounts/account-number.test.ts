import { describe, expect, it } from 'vitest';
import { drawAccountNumber, isAccountNumber } from './account-number.js';

describe('account numbers', () => {
  it('are 5 to 10 digits, with every length drawn', () => {
    const lengths = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = drawAccountNumber();
      expect(isAccountNumber(String(n))).toBe(true);
      lengths.add(String(n).length);
    }
    expect([...lengths].sort()).toEqual([10, 5, 6, 7, 8, 9]);
  });

  it('recognises numbers but not handles, emails or leading zeros', () => {
    expect(isAccountNumber('12345')).toBe(true);
    expect(isAccountNumber('1234567890')).toBe(true);
    expect(isAccountNumber('1234')).toBe(false);
    expect(isAccountNumber('12345678901')).toBe(false);
    expect(isAccountNumber('01234')).toBe(false);
    expect(isAccountNumber('alice')).toBe(false);
  });
});
