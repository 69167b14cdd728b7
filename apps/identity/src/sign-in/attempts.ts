import type { Config } from '../config.js';
import { AppError } from '../http/errors.js';
import type { IdentityDb } from '../kernel/db.js';
import type { RequestOrigin } from '../kernel/guards.js';
import type { SecurityLog } from '../security/index.js';
import type { Throttle, ThrottleKey } from './throttle.js';

export const tooManyAttempts = (retryAfterSeconds: number) =>
  new AppError(
    429,
    'auth.too_many_attempts',
    'Too many failed sign-ins. Wait, then try again.',
    { retryAfterSeconds },
    { 'Retry-After': String(retryAfterSeconds) },
  );

/** Who an attempt (a password, a second factor) is made against, and from where. */
export interface AttemptSubject extends RequestOrigin {
  /** The account tried; undefined when the identifier names none. */
  accountId?: string | undefined;
  /** The identifier typed, counted in place of an account that doesn't exist (so a lock reveals nothing). */
  identifier?: string;
  /** The device id the browser's valid device cookie holds for this account. */
  device?: string | undefined;
}

/** What an admitted attempt counts against. */
export interface Admission {
  subject: AttemptSubject;
  keys: ThrottleKey[];
  /** Counted against the browser's own device, apart from failures made elsewhere. */
  trusted: boolean;
}

/**
 * The lockout rules for every guess at a credential. A browser with a valid device cookie for the account has a
 * limit of its own (`deviceLimit`); past it, it is treated like any unknown device. Unknown devices share the
 * per-account limit, and each address has one too. So someone guessing from elsewhere locks out only the unknown
 * devices, never the owner's own browser; the lock is logged once (`sign_in.locked`), for the owner's notice.
 */
export function createSignInAttempts({
  db,
  throttle,
  securityLog,
  limits,
}: {
  db: IdentityDb;
  throttle: Throttle;
  securityLog: SecurityLog;
  limits: Config['throttle'];
}) {
  const accountKey = (subject: AttemptSubject) =>
    subject.accountId ? `account:${subject.accountId}` : `identifier:${subject.identifier ?? ''}`;

  return {
    /** Decides what the attempt counts against; refuses it (429, Retry-After) when that is locked. */
    async admit(subject: AttemptSubject): Promise<Admission> {
      if (subject.accountId && subject.device) {
        const keys = [{ key: `device:${subject.device}`, limit: limits.deviceLimit }];
        if ((await throttle.retryAfter(keys)) === 0) return { subject, keys, trusted: true };
      }
      const keys: ThrottleKey[] = [{ key: accountKey(subject), limit: limits.accountLimit }];
      if (subject.ip) keys.push({ key: `ip:${subject.ip}`, limit: limits.ipLimit });
      const locked = await throttle.retryAfter(keys);
      if (locked > 0) throw tooManyAttempts(locked);
      return { subject, keys, trusted: false };
    },

    /**
     * Counts a failed attempt, and logs the lock it may set on the account, in one transaction. Throws 429 when
     * the attempt's own keys are now locked; a trusted device reaching its limit is not refused, since its next
     * attempt simply counts as an unknown device's.
     */
    async failed(admission: Admission): Promise<void> {
      const { subject } = admission;
      const wait = await db.transaction(async (tx) => {
        const { wait, counts } = await throttle.record(admission.keys, tx);
        const locked = counts.find(
          (count) => count.key === `account:${subject.accountId}` && count.lockedNow,
        );
        if (subject.accountId && locked?.lockedUntil) {
          await securityLog.record(
            {
              ip: subject.ip,
              userAgent: subject.userAgent,
              accountId: subject.accountId,
              type: 'sign_in.locked',
              details: { until: locked.lockedUntil.toISOString(), failures: locked.failures },
            },
            tx,
          );
        }
        return wait;
      });
      if (wait > 0 && !admission.trusted) throw tooManyAttempts(wait);
    },

    /** A right credential: the count it was made against starts afresh (the address's stays). */
    async succeeded(admission: Admission): Promise<void> {
      const [own] = admission.keys;
      if (own) await throttle.clear(own.key);
    },
  };
}

export type SignInAttempts = ReturnType<typeof createSignInAttempts>;
