import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { AppError } from '../http/errors.js';
import type { Queryable } from '../kernel/db.js';
import type { Throttle, ThrottleKey } from './throttle.js';

export const tooManySignUps = (retryAfterSeconds: number) =>
  new AppError(
    429,
    'sign_up.too_many',
    'Too many accounts were created from this network recently. Wait, then try again.',
    { retryAfterSeconds },
    { 'Retry-After': String(retryAfterSeconds) },
  );

/**
 * Sign-ups per address (`signUpIpLimit` per `signUpWindowMs`), kept in the throttle table beside the sign-in
 * failures under keys of their own (`sign_up:ip:<address>`). Only sign-ups that happen are counted: the count
 * is taken inside the sign-up's transaction, so a refused or failed one costs nothing.
 */
export function createSignUpLimit({
  throttle,
  clock,
  limits,
}: {
  throttle: Throttle;
  clock: Clock;
  limits: Pick<Config['throttle'], 'signUpIpLimit' | 'signUpWindowMs'>;
}) {
  const keyOf = (ip: string): ThrottleKey => ({
    key: `sign_up:ip:${ip}`,
    limit: limits.signUpIpLimit,
    windowMs: limits.signUpWindowMs,
    lockMs: limits.signUpWindowMs,
  });
  const enabled = (ip: string | null): ip is string => limits.signUpIpLimit > 0 && ip !== null;

  return {
    /** Before a sign-up's work (hashing the password): refuses an address that has used its share. */
    async admit(ip: string | null): Promise<void> {
      if (!enabled(ip)) return;
      const wait = await throttle.retryAfter([keyOf(ip)]);
      if (wait > 0) throw tooManySignUps(wait);
    },

    /**
     * Counts the sign-up in its transaction `q`. One that concurrent sign-ups pushed past the limit is refused,
     * which rolls the whole sign-up (and this count) back.
     */
    async count(ip: string | null, q: Queryable): Promise<void> {
      if (!enabled(ip)) return;
      const { counts } = await throttle.record([keyOf(ip)], q);
      const count = counts[0];
      if (count && count.failures > limits.signUpIpLimit) {
        const until = count.lockedUntil?.getTime() ?? clock.now().getTime() + limits.signUpWindowMs;
        throw tooManySignUps(Math.max(1, Math.ceil((until - clock.now().getTime()) / 1000)));
      }
    },
  };
}

export type SignUpLimit = ReturnType<typeof createSignUpLimit>;
