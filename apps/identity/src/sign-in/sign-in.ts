import type { Accounts } from '../accounts/index.js';
import {
  accountLocked,
  dummyHash,
  hashPassword,
  needsRehash,
  normalizeHandle,
  verifyPassword,
} from '../accounts/index.js';
import type { AccountRow } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import type { SecurityLog } from '../security/index.js';
import type { SignInAttempts } from './attempts.js';
import type { DeviceEntry } from './device-trust.js';

export { tooManyAttempts } from './attempts.js';

export interface SignInAttempt {
  identifier: string;
  password: string;
  ip: string | null;
  /** For the security log; empty when unknown. */
  userAgent?: string;
  /** The browser's valid device-cookie entries: one for the account tried makes this its own, trusted attempt. */
  devices?: readonly DeviceEntry[];
}

const invalidCredentials = () =>
  new AppError(401, 'auth.invalid_credentials', 'The account or password is not right.');

/**
 * Checks a password sign-in. An unknown account and a wrong password take the same path: the same argon2
 * work (against a dummy hash), the same throttling (keyed by the identifier when no account matches), and the
 * same error, so neither the answer nor its timing tells whether an account exists.
 */
export function createPasswordSignIn({
  accounts,
  attempts,
  securityLog,
  hasSecondFactor,
}: {
  accounts: Accounts;
  attempts: SignInAttempts;
  securityLog: SecurityLog;
  /**
   * Whether the account's sign-in needs a second factor (a passkey). Then a right password leaves the failure
   * count alone: only the second factor's success clears it, so knowing the password can't buy more guesses at
   * a passkey or recovery code.
   */
  hasSecondFactor: (accountId: string) => Promise<boolean>;
}) {
  /** Checks the password; answers the account and whether its sign-in still needs a second factor. */
  return async function signInWithPassword(
    attempt: SignInAttempt,
  ): Promise<{ account: AccountRow; secondFactorRequired: boolean }> {
    const account = await accounts.byIdentifier(attempt.identifier);
    const userAgent = attempt.userAgent ?? '';
    const admission = await attempts.admit({
      ip: attempt.ip,
      userAgent,
      accountId: account?.id,
      identifier: normalizeHandle(attempt.identifier).slice(0, 320),
      device: account && attempt.devices?.find((entry) => entry.accountId === account.id)?.device,
    });

    const ok = await verifyPassword(account?.passwordHash ?? (await dummyHash()), attempt.password);
    if (!account || !ok) {
      if (account) {
        await securityLog.record({
          accountId: account.id,
          type: 'sign_in.failed',
          ip: attempt.ip,
          userAgent,
          details: { reason: 'password' },
        });
      }
      await attempts.failed(admission);
      throw invalidCredentials();
    }

    // Only someone who knew the password learns that staff locked the account (admin/accounts/lock.ts).
    if (account.lockedAt) throw accountLocked();
    const secondFactorRequired = await hasSecondFactor(account.id);
    if (!secondFactorRequired) await attempts.succeeded(admission);
    if (needsRehash(account.passwordHash)) {
      await accounts.replaceHash(account.id, await hashPassword(attempt.password));
    }
    return { account, secondFactorRequired };
  };
}
