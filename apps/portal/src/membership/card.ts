import type { CardInput } from '../api/membership-types';

/**
 * The checkout's card fields, checked before anything is sent: the number by its Luhn check digit, the expiry as
 * MM/YY not in the past, the CVC as 3–4 digits. The hub checks again (and knows which test cards exist).
 */

/** The sandbox's test cards (docs/membership.md, "Payments"), for the checkout's hint. */
export const SANDBOX_CARDS = {
  succeeds: '4242 4242 4242 4242',
  declines: '4000 0000 0000 0002',
  failsLater: '4000 0000 0000 0341',
} as const;

export interface CardFields {
  number: string;
  /** As typed: `MM/YY`. */
  expiry: string;
  cvc: string;
}

export type CardField = keyof CardFields;
export type CardProblem = 'required' | 'number' | 'expiryFormat' | 'expired' | 'cvc';

export const digitsOf = (text: string): string => text.replace(/[\s-]/g, '');

/** Groups of four as the number is typed: `4242 4242 4242 4242`. Anything but digits is dropped. */
export function formatCardNumber(text: string): string {
  return text
    .replace(/\D/g, '')
    .slice(0, 19)
    .replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** Adds the slash once the month is typed (`12` → `12/`), and keeps at most `MM/YY`. */
export function formatExpiry(text: string, previous: string): string {
  const digits = text.replace(/\D/g, '').slice(0, 4);
  // Deleting the slash deletes it, rather than adding it back at once.
  if (digits.length === 2 && previous.length > text.length) return digits;
  if (digits.length >= 2) return `${digits.slice(0, 2)}/${digits.slice(2)}`;
  return digits;
}

/** Whether the digits pass the Luhn check (ISO/IEC 7812-1), with 12–19 digits. */
export function luhnValid(number: string): boolean {
  if (!/^\d{12,19}$/.test(number)) return false;
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** `MM/YY` (or `MM/YYYY`) into a month and a four-digit year; undefined when it is not a date. */
export function parseExpiry(text: string): { expMonth: number; expYear: number } | undefined {
  const match = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(text);
  if (!match) return undefined;
  const expMonth = Number(match[1]);
  const year = Number(match[2]);
  if (expMonth < 1 || expMonth > 12) return undefined;
  return { expMonth, expYear: year < 100 ? 2000 + year : year };
}

/** A card is good through the last day of its expiry month. */
export function isExpired(expiry: { expMonth: number; expYear: number }, now: Date): boolean {
  const year = now.getFullYear();
  const month = now.getMonth() + 1;
  return expiry.expYear < year || (expiry.expYear === year && expiry.expMonth < month);
}

export type CardCheck =
  | { ok: true; card: CardInput }
  | { ok: false; problems: Partial<Record<CardField, CardProblem>> };

/** The card to send, or what is wrong with each field. */
export function checkCard(fields: CardFields, now: Date): CardCheck {
  const problems: Partial<Record<CardField, CardProblem>> = {};
  const number = digitsOf(fields.number);
  if (number === '') problems.number = 'required';
  else if (!luhnValid(number)) problems.number = 'number';

  const expiry = parseExpiry(fields.expiry);
  if (fields.expiry.trim() === '') problems.expiry = 'required';
  else if (!expiry) problems.expiry = 'expiryFormat';
  else if (isExpired(expiry, now)) problems.expiry = 'expired';

  const cvc = fields.cvc.trim();
  if (cvc === '') problems.cvc = 'required';
  else if (!/^\d{3,4}$/.test(cvc)) problems.cvc = 'cvc';

  if (Object.keys(problems).length > 0 || !expiry) return { ok: false, problems };
  return { ok: true, card: { number, ...expiry, cvc } };
}
