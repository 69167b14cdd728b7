import { inArray, sql } from 'drizzle-orm';
import type { IdentityDb } from '../accounts/accounts.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { signInThrottles } from '../db/schema.js';

export interface ThrottleKey {
  key: string;
  limit: number;
}

/**
 * Failed sign-ins counted per key in the database, so the limit holds across every hub instance. A key that
 * reaches its limit of failures within the window is locked for `lockMs`; a success clears the account's key.
 */
export function createThrottle({
  db,
  clock,
  config,
}: {
  db: IdentityDb;
  clock: Clock;
  config: Config['throttle'];
}) {
  return {
    /** Seconds until the first of these keys unlocks, or 0 when none is locked. */
    async retryAfter(keys: ThrottleKey[]): Promise<number> {
      const now = clock.now();
      const rows = await db
        .select({ lockedUntil: signInThrottles.lockedUntil })
        .from(signInThrottles)
        .where(
          inArray(
            signInThrottles.key,
            keys.map((k) => k.key),
          ),
        );
      const latest = Math.max(0, ...rows.map((r) => (r.lockedUntil ? r.lockedUntil.getTime() : 0)));
      return latest > now.getTime() ? Math.ceil((latest - now.getTime()) / 1000) : 0;
    },

    /** Counts one failure against each key, atomically; answers the seconds to wait if any key is now locked. */
    async recordFailure(keys: ThrottleKey[]): Promise<number> {
      const now = clock.now();
      const windowStart = new Date(now.getTime() - config.windowMs);
      const lockedUntil = new Date(now.getTime() + config.lockMs);
      // Raw SQL fragments get no column typing, so timestamps go in as ISO text with an explicit cast.
      const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;
      let wait = 0;
      for (const { key, limit } of keys) {
        // A window that has passed starts again at 1; reaching the limit sets the lock.
        const fresh = sql`${signInThrottles.windowStartedAt} <= ${at(windowStart)}`;
        const failures = sql`case when ${fresh} then 1 else ${signInThrottles.failures} + 1 end`;
        const [row] = await db
          .insert(signInThrottles)
          .values({ key, failures: 1, windowStartedAt: now, lockedUntil: limit <= 1 ? lockedUntil : null })
          .onConflictDoUpdate({
            target: signInThrottles.key,
            set: {
              failures,
              windowStartedAt: sql`case when ${fresh} then ${at(now)} else ${signInThrottles.windowStartedAt} end`,
              lockedUntil: sql`case when ${failures} >= ${limit}::int then ${at(lockedUntil)} else ${signInThrottles.lockedUntil} end`,
            },
          })
          .returning({ lockedUntil: signInThrottles.lockedUntil });
        if (row?.lockedUntil && row.lockedUntil > now) {
          wait = Math.max(wait, Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000));
        }
      }
      return wait;
    },

    async clear(key: string): Promise<void> {
      await db.delete(signInThrottles).where(inArray(signInThrottles.key, [key]));
    },
  };
}

export type Throttle = ReturnType<typeof createThrottle>;
