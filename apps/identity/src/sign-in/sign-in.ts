import type { Accounts } from '../accounts/accounts.js';
import { normalizeHandle } from '../accounts/accounts.js';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from '../accounts/passwords.js';
import type { Config } from '../config.js';
import type { AccountRow } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import type { SecurityLog } from '../security/log.js';
import type { Throttle, ThrottleKey } from './throttle.js';

export interface SignInAttempt {
  identifier: string;
  password: string;
  ip: string | null;
  /** For the security log; empty when unknown. */
  userAgent?: string;
}

const invalidCredentials = () =>
  new AppError(401, 'auth.invalid_credentials', 'The account or password is not right.');

export const tooManyAttempts = (retryAfterSeconds: number) =>
  new AppError(
    429,
    'auth.too_many_attempts',
    'Too many failed sign-ins. Wait, then try again.',
    { retryAfterSeconds },
    { 'Retry-After': String(retryAfterSeconds) },
  );

/**
 * Checks a password sign-in. An unknown account and a wrong password take the same path: the same argon2
 * work (against a dummy hash), the same throttling (keyed by the identifier when no account matches), and the
 * same error, so neither the answer nor its timing tells whether an account exists.
 */
export function createPasswordSignIn({
  accounts,
  throttle,
  limits,
  securityLog,
  hasSecondFactor,
}: {
  accounts: Accounts;
  throttle: Throttle;
  limits: Config['throttle'];
  securityLog: SecurityLog;
  /**
   * Whether the account's sign-in needs a second factor (a passkey). Then a right password leaves the account's
   * failure count alone: only the second factor's success clears it, so knowing the password can't buy more
   * guesses at a passkey or recovery code.
   */
  hasSecondFactor: (accountId: string) => Promise<boolean>;
}) {
  /** Checks the password; answers the account and whether its sign-in still needs a second factor. */
  return async function signInWithPassword(
    attempt: SignInAttempt,
  ): Promise<{ account: AccountRow; secondFactorRequired: boolean }> {
    const account = await accounts.byIdentifier(attempt.identifier);
    const accountKey = account
      ? `account:${account.id}`
      : `identifier:${normalizeHandle(attempt.identifier).slice(0, 320)}`;
    const keys: ThrottleKey[] = [{ key: accountKey, limit: limits.accountLimit }];
    if (attempt.ip) keys.push({ key: `ip:${attempt.ip}`, limit: limits.ipLimit });

    const locked = await throttle.retryAfter(keys);
    if (locked > 0) throw tooManyAttempts(locked);

    const ok = await verifyPassword(account?.passwordHash ?? (await dummyHash()), attempt.password);
    if (!account || !ok) {
      if (account) {
        await securityLog.record({
          accountId: account.id,
          type: 'sign_in.failed',
          ip: attempt.ip,
          userAgent: attempt.userAgent ?? '',
          details: { reason: 'password' },
        });
      }
      const wait = await throttle.recordFailure(keys);
      if (wait > 0) throw tooManyAttempts(wait);
      throw invalidCredentials();
    }

    const secondFactorRequired = await hasSecondFactor(account.id);
    if (!secondFactorRequired) await throttle.clear(accountKey);
    if (needsRehash(account.passwordHash)) {
      await accounts.replaceHash(account.id, await hashPassword(attempt.password));
    }
    return { account, secondFactorRequired };
  };
}
