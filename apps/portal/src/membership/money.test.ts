import { describe, expect, it } from 'vitest';
import { formatMoney, minorDigits, minorToDecimal, parseAmount } from './money';

describe('minor units', () => {
  it('knows each currency has two decimals except the yen, which has none', () => {
    expect(['CNY', 'USD', 'EUR', 'GBP', 'HKD', 'SGD'].map(minorDigits)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(minorDigits('JPY')).toBe(0);
  });

  it('writes minor units as exact decimal text', () => {
    expect(minorToDecimal(1999, 'USD')).toBe('19.99');
    expect(minorToDecimal(5, 'CNY')).toBe('0.05');
    expect(minorToDecimal(1500, 'JPY')).toBe('1500');
    expect(minorToDecimal(-250, 'EUR')).toBe('-2.50');
    expect(minorToDecimal(900719925474099, 'USD')).toBe('9007199254740.99');
  });
});

describe('formatMoney', () => {
  it('formats minor units in the currency and the reader’s language', () => {
    expect(formatMoney(1500, 'CNY', 'zh-CN')).toBe('¥15.00');
    expect(formatMoney(1999, 'USD', 'en')).toBe('$19.99');
    expect(formatMoney(1500, 'JPY', 'en')).toBe('¥1,500');
    expect(formatMoney(10000, 'EUR', 'en')).toBe('€100.00');
  });

  it('keeps every cent of amounts a float would round', () => {
    expect(formatMoney(900719925474099, 'USD', 'en')).toBe('$9,007,199,254,740.99');
  });
});

describe('parseAmount', () => {
  it('reads major units into integer minor units exactly', () => {
    expect(parseAmount('15', 'CNY')).toEqual({ ok: true, amountMinor: 1500 });
    expect(parseAmount('19.99', 'USD')).toEqual({ ok: true, amountMinor: 1999 });
    expect(parseAmount('0.29', 'USD')).toEqual({ ok: true, amountMinor: 29 });
    expect(parseAmount('1,234.5', 'GBP')).toEqual({ ok: true, amountMinor: 123450 });
    expect(parseAmount(' .5 ', 'EUR')).toEqual({ ok: true, amountMinor: 50 });
    expect(parseAmount('1500', 'JPY')).toEqual({ ok: true, amountMinor: 1500 });
    expect(parseAmount('1500.00', 'JPY')).toEqual({ ok: true, amountMinor: 1500 });
  });

  it('refuses more decimals than the currency has, so nothing is rounded away', () => {
    expect(parseAmount('19.999', 'USD')).toEqual({ ok: false, problem: 'decimals' });
    expect(parseAmount('1500.5', 'JPY')).toEqual({ ok: false, problem: 'decimals' });
  });

  it('refuses empty, zero, negative, malformed and unsafe amounts', () => {
    expect(parseAmount('  ', 'USD')).toEqual({ ok: false, problem: 'empty' });
    expect(parseAmount('0.00', 'USD')).toEqual({ ok: false, problem: 'zero' });
    expect(parseAmount('-5', 'USD')).toEqual({ ok: false, problem: 'format' });
    expect(parseAmount('1e3', 'USD')).toEqual({ ok: false, problem: 'format' });
    expect(parseAmount('.', 'USD')).toEqual({ ok: false, problem: 'format' });
    expect(parseAmount('1.2.3', 'USD')).toEqual({ ok: false, problem: 'format' });
    expect(parseAmount('99999999999999999', 'USD')).toEqual({ ok: false, problem: 'tooLarge' });
  });

  it('reads back what minorToDecimal writes', () => {
    for (const [amount, currency] of [
      [1, 'USD'],
      [1999, 'CNY'],
      [100000, 'EUR'],
      [7, 'JPY'],
    ] as const) {
      expect(parseAmount(minorToDecimal(amount, currency), currency)).toEqual({
        ok: true,
        amountMinor: amount,
      });
    }
  });
});
