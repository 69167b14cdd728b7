import { randomInt } from '../crypto.js';

export const ACCOUNT_NUMBER_MIN_DIGITS = 5;
export const ACCOUNT_NUMBER_MAX_DIGITS = 10;

/**
 * Draws a candidate account number: first a length from 5 to 10 digits, uniformly, then a number of that
 * length, uniformly. Numbers are never sequential, so they reveal nothing about how many accounts exist; the
 * caller retries on a taken number, so the draw is effectively among the free ones. Short numbers stay
 * possible for as long as any are free.
 */
export function drawAccountNumber(): number {
  const digits = randomInt(ACCOUNT_NUMBER_MIN_DIGITS, ACCOUNT_NUMBER_MAX_DIGITS + 1);
  const low = 10 ** (digits - 1);
  const high = 10 ** digits; // exclusive; randomInt allows ranges up to 2^48, and 10^10 < 2^48
  return randomInt(low, high);
}

export const isAccountNumber = (value: string) =>
  new RegExp(`^[1-9]\\d{${ACCOUNT_NUMBER_MIN_DIGITS - 1},${ACCOUNT_NUMBER_MAX_DIGITS - 1}}$`).test(value);
