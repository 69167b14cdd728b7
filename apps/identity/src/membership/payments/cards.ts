import { AppError, type FieldProblem } from '../../http/errors.js';
import type { CardInput } from './provider.js';

/** The card number with spaces and dashes taken out (`4242 4242 4242 4242` → `4242424242424242`). */
export const normalizeCardNumber = (number: string) => number.replace(/[\s-]/g, '');

/** The Luhn (mod 10) check every card number passes (ISO/IEC 7812-1 Annex B). */
export function passesLuhn(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The card brand from its number's prefix (IIN ranges); `unknown` when none matches. */
export function cardBrand(digits: string): string {
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  if (digits.startsWith('4')) return 'visa';
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'mastercard';
  if (two === 34 || two === 37) return 'amex';
  if (four >= 3528 && four <= 3589) return 'jcb';
  if (digits.startsWith('6011') || two === 65) return 'discover';
  if (two === 62) return 'unionpay';
  return 'unknown';
}

/** A card is good through the last day of its expiry month (UTC, to be the same on every hub instance). */
export function isExpired(expMonth: number, expYear: number, now: Date): boolean {
  const firstOfNextMonth = Date.UTC(expYear, expMonth, 1);
  return now.getTime() >= firstOfNextMonth;
}

export interface CheckedCard {
  digits: string;
  brand: string;
  last4: string;
}

/**
 * Checks a card as any provider would before asking the bank: the Luhn check, a month 1–12 and an expiry not
 * past, a 3-digit CVC (4 for American Express). 400 `payment.invalid_card` naming each problem.
 */
export function checkCard(card: CardInput, now: Date): CheckedCard {
  const digits = normalizeCardNumber(card.number);
  const brand = passesLuhn(digits) ? cardBrand(digits) : 'unknown';
  const problems: FieldProblem[] = [];
  if (!passesLuhn(digits)) problems.push({ path: 'card.number', message: 'is not a valid card number' });
  if (!Number.isInteger(card.expMonth) || card.expMonth < 1 || card.expMonth > 12) {
    problems.push({ path: 'card.expMonth', message: 'must be a month from 1 to 12' });
  } else if (!Number.isInteger(card.expYear) || isExpired(card.expMonth, card.expYear, now)) {
    problems.push({ path: 'card.expYear', message: 'the card has expired' });
  }
  const cvcLength = brand === 'amex' ? 4 : 3;
  if (!new RegExp(`^\\d{${cvcLength}}$`).test(card.cvc)) {
    problems.push({ path: 'card.cvc', message: `must be ${cvcLength} digits` });
  }
  if (problems.length > 0) throw invalidCard(problems);
  return { digits, brand, last4: digits.slice(-4) };
}

export const invalidCard = (details: FieldProblem[]) =>
  new AppError(400, 'payment.invalid_card', 'The card was not accepted.', details);
