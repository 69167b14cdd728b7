import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError } from '../http/errors.js';
import { estimateStrength, MIN_STRENGTH_SCORE } from './password-strength.js';

/**
 * argon2id at OWASP's recommended minimum (Password Storage Cheat Sheet): m = 19 MiB, t = 2, p = 1.
 * Raising any of these makes every stored hash "stale"; it is then rehashed at the user's next sign-in.
 */
export const ARGON2_PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Set to `1` by the test configuration (`vitest.shared.ts`) only; see `argon2Params`. */
export const TEST_HASHING_VARIABLE = 'ORBIT_INSECURE_TEST_PASSWORD_HASHING';
/** argon2id at a cost that protects nothing: what test runs hash with (see `argon2Params`). */
export const TEST_ARGON2_PARAMS = { memoryCost: 64, timeCost: 1, parallelism: 1 } as const;

/**
 * The argon2id cost passwords and recovery codes are hashed with: `ARGON2_PARAMS`, except in test runs, where
 * `ORBIT_INSECURE_TEST_PASSWORD_HASHING=1` chooses `TEST_ARGON2_PARAMS` — as Rails' `has_secure_password` uses
 * bcrypt's minimum cost in tests. The suites hash a few thousand passwords and recovery codes; at full cost that
 * is about a minute of CPU on two cores. It is still argon2id through the same code; the hub logs a warning at
 * start when it is set (`startHub`), and tests of the cost itself read `argon2Params({})`.
 */
export function argon2Params(
  env: Record<string, string | undefined> = process.env,
): typeof ARGON2_PARAMS | typeof TEST_ARGON2_PARAMS {
  return env[TEST_HASHING_VARIABLE] === '1' ? TEST_ARGON2_PARAMS : ARGON2_PARAMS;
}
/** `Algorithm.Argon2id`; the enum is a `const enum`, which isolated modules can't read at run time. */
const ARGON2ID = 2 as Algorithm;

export const PASSWORD_MIN_LENGTH = 8;
/** Long enough for any passphrase; bounded so a megabyte "password" can't be used to burn CPU. */
export const PASSWORD_MAX_LENGTH = 256;

const common = new Set(
  (dictionary['passwords-common'] as string[]).filter((p) => p.length >= PASSWORD_MIN_LENGTH),
);

/**
 * Refuses passwords that are too short, on the bundled list of ~49,000 common passwords, or too easy to guess by
 * zxcvbn's estimate (`password.too_weak`, with zxcvbn's warning and suggestion keys in the details), where the
 * account's own handle, display name and email (`userInputs`) count as the first words an attacker tries.
 *
 * @example
 * checkPasswordPolicy(input.newPassword, 'newPassword', [account.handle, account.displayName, account.email ?? '']);
 */
export function checkPasswordPolicy(
  password: string,
  field = 'password',
  userInputs: readonly string[] = [],
): void {
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    throw new AppError(400, 'password.too_short', `Use at least ${PASSWORD_MIN_LENGTH} characters.`, [
      { path: field, message: `Use at least ${PASSWORD_MIN_LENGTH} characters.` },
    ]);
  }
  if (common.has(password.toLowerCase())) {
    throw new AppError(400, 'password.too_common', 'This password is too common; choose another.', [
      { path: field, message: 'This password is too common; choose another.' },
    ]);
  }
  const strength = estimateStrength(password, userInputs);
  if (strength.score < MIN_STRENGTH_SCORE) {
    const message = 'This password is too easy to guess; choose a longer or less predictable one.';
    throw new AppError(400, 'password.too_weak', message, [
      { path: field, message, warning: strength.warning, suggestions: strength.suggestions },
    ]);
  }
}

export function hashPassword(password: string, params = argon2Params()): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, ...params });
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** True when a stored hash was made with other parameters than today's (PHC string `$argon2id$v=19$m=…,t=…,p=…$`). */
export function needsRehash(stored: string, params = argon2Params()): boolean {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
  if (!match) return true;
  const [, m, t, p] = match.map(Number);
  return m !== params.memoryCost || t !== params.timeCost || p !== params.parallelism;
}

let dummy: Promise<string> | undefined;
/**
 * A hash to verify against when the account doesn't exist, so an unknown account costs the same argon2 work as
 * a wrong password and the two can't be told apart by timing.
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('orbit-no-such-account');
  return dummy;
}
