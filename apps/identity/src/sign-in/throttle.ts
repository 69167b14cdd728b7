import { inArray, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { signInThrottles } from '../db/schema.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';

export interface ThrottleKey {
  key: string;
  limit: number;
  /** The counting window and the lock's length for this key; the sign-in ones (`config.throttle`) by default. */
  windowMs?: number;
  lockMs?: number;
}

/** One key's count after `record`. */
export interface ThrottleCount {
  key: string;
  failures: number;
  lockedUntil: Date | null;
  /** This very count reached the limit and set the lock (true once per lock, whatever the concurrency). */
  lockedNow: boolean;
}

const secondsUntil = (until: Date, now: Date) => Math.ceil((until.getTime() - now.getTime()) / 1000);

/**
 * Events counted per key in the database (failed sign-ins, and sign-ups per address), so a limit holds across
 * every hub instance. A key that reaches its limit within the window is locked for its lock time; once a lock
 * has been served, counting starts afresh. A success clears a sign-in key.
 */
export function createThrottle({
  db,
  clock,
  config,
}: {
  db: IdentityDb;
  clock: Clock;
  config: Pick<Config['throttle'], 'windowMs' | 'lockMs'>;
}) {
  async function record(
    keys: ThrottleKey[],
    q: Queryable = db,
  ): Promise<{ wait: number; counts: ThrottleCount[] }> {
    const now = clock.now();
    // Raw SQL fragments get no column typing, so timestamps go in as ISO text with an explicit cast.
    const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;
    let wait = 0;
    const counts: ThrottleCount[] = [];
    for (const { key, limit, windowMs = config.windowMs, lockMs = config.lockMs } of keys) {
      const windowStart = new Date(now.getTime() - windowMs);
      const lockedUntil = new Date(now.getTime() + lockMs);
      // A window that has passed, or a lock that has been served, starts again at 1; reaching the limit locks.
      const fresh = sql`(${signInThrottles.windowStartedAt} <= ${at(windowStart)} or ${signInThrottles.lockedUntil} <= ${at(now)})`;
      const failures = sql`case when ${fresh} then 1 else ${signInThrottles.failures} + 1 end`;
      const [row] = await q
        .insert(signInThrottles)
        .values({ key, failures: 1, windowStartedAt: now, lockedUntil: limit <= 1 ? lockedUntil : null })
        .onConflictDoUpdate({
          target: signInThrottles.key,
          set: {
            failures,
            windowStartedAt: sql`case when ${fresh} then ${at(now)} else ${signInThrottles.windowStartedAt} end`,
            lockedUntil: sql`case when ${failures} >= ${limit}::int then ${at(lockedUntil)} when ${fresh} then null else ${signInThrottles.lockedUntil} end`,
          },
        })
        .returning({ failures: signInThrottles.failures, lockedUntil: signInThrottles.lockedUntil });
      if (!row) throw new Error('throttle upsert returned nothing');
      // The upsert holds the row's lock, so exactly one count sees the limit itself.
      counts.push({ key, ...row, lockedNow: row.failures === limit });
      if (row.lockedUntil && row.lockedUntil > now) wait = Math.max(wait, secondsUntil(row.lockedUntil, now));
    }
    return { wait, counts };
  }

  return {
    /** Seconds until the first of these keys unlocks, or 0 when none is locked. */
    async retryAfter(keys: ThrottleKey[]): Promise<number> {
      if (keys.length === 0) return 0;
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

    /** Counts one event against each key, atomically (in `q` when given); answers the counts and the wait. */
    record,

    /** Counts one failure against each key; answers the seconds to wait if any key is now locked. */
    async recordFailure(keys: ThrottleKey[], q: Queryable = db): Promise<number> {
      return (await record(keys, q)).wait;
    },

    async clear(key: string, q: Queryable = db): Promise<void> {
      await q.delete(signInThrottles).where(inArray(signInThrottles.key, [key]));
    },
  };
}

export type Throttle = ReturnType<typeof createThrottle>;
