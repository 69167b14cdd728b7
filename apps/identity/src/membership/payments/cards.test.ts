import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.js';
import { cardBrand, checkCard, isExpired, normalizeCardNumber, passesLuhn } from './cards.js';

const now = new Date('2030-06-15T12:00:00Z');
const card = (
  overrides: Partial<{ number: string; expMonth: number; expYear: number; cvc: string }> = {},
) => ({
  number: '4242 4242 4242 4242',
  expMonth: 12,
  expYear: 2031,
  cvc: '123',
  ...overrides,
});

function problems(input: ReturnType<typeof card>) {
  try {
    checkCard(input, now);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('payment.invalid_card');
    return ((error as AppError).details as { path: string }[]).map((p) => p.path);
  }
  return [];
}

describe('card checks', () => {
  it('passes the Luhn check for real numbers and fails it for one wrong digit', () => {
    for (const number of [
      '4242424242424242',
      '4000000000000002',
      '4000000000000341',
      '5555555555554444',
      '378282246310005',
    ]) {
      expect(passesLuhn(number), number).toBe(true);
    }
    expect(passesLuhn('4242424242424241')).toBe(false);
    expect(passesLuhn('42424242424')).toBe(false);
    expect(passesLuhn('4242a24242424242')).toBe(false);
    expect(normalizeCardNumber(' 4242-4242 4242 4242 ')).toBe('4242424242424242');
  });

  it('names the brand from the number', () => {
    expect(cardBrand('4242424242424242')).toBe('visa');
    expect(cardBrand('5555555555554444')).toBe('mastercard');
    expect(cardBrand('2223003122003222')).toBe('mastercard');
    expect(cardBrand('378282246310005')).toBe('amex');
    expect(cardBrand('6200000000000005')).toBe('unionpay');
    expect(cardBrand('3566002020360505')).toBe('jcb');
    expect(cardBrand('6011111111111117')).toBe('discover');
    expect(cardBrand('9999999999999995')).toBe('unknown');
  });

  it('takes a card through the last day of its expiry month (UTC)', () => {
    expect(isExpired(6, 2030, new Date('2030-06-30T23:59:59.999Z'))).toBe(false);
    expect(isExpired(6, 2030, new Date('2030-07-01T00:00:00.000Z'))).toBe(true);
    expect(isExpired(12, 2030, new Date('2030-12-31T23:59:59.999Z'))).toBe(false);
    expect(isExpired(12, 2030, new Date('2031-01-01T00:00:00.000Z'))).toBe(true);
  });

  it('answers the brand and last four of a good card, and names every problem of a bad one', () => {
    expect(checkCard(card(), now)).toEqual({ digits: '4242424242424242', brand: 'visa', last4: '4242' });
    expect(problems(card({ number: '4242 4242 4242 4241' }))).toEqual(['card.number']);
    expect(problems(card({ expMonth: 0 }))).toEqual(['card.expMonth']);
    expect(problems(card({ expMonth: 5, expYear: 2030 }))).toEqual(['card.expYear']);
    expect(problems(card({ cvc: '12a' }))).toEqual(['card.cvc']);
    expect(problems(card({ number: '378282246310005', cvc: '123' }))).toEqual(['card.cvc']);
    expect(checkCard(card({ number: '378282246310005', cvc: '1234' }), now).brand).toBe('amex');
    expect(problems(card({ number: '1', expMonth: 13, cvc: '' }))).toEqual([
      'card.number',
      'card.expMonth',
      'card.cvc',
    ]);
  });
});
