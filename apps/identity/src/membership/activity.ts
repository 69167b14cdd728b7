import { eq } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import { accounts } from '../db/schema.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import { localDay, zoneOrUtc } from './local-days.js';
import { activeDays } from './schema.js';

/** How long a remembered account's time zone is trusted (see `recorded`). */
const ZONE_TRUST_MS = 10 * 60_000;
/** Accounts remembered at most; then the memory starts again. */
const MAX_REMEMBERED = 50_000;

/**
 * Active days: a local day (the account's time zone) on which the account signed in, at the hub or into a service
 * with its hub session. The activity level is read from how many there are.
 */
export function createActivity({
  db,
  clock,
  onError,
}: {
  db: IdentityDb;
  clock: Clock;
  /** Told when a day could not be recorded; the sign-in goes on regardless. */
  onError?: (error: unknown, accountId: string) => void;
}) {
  /**
   * The day each account was last recorded on in this process, and the zone it was computed in: every sign-in
   * into a service records activity, and after the first of a day the rest change nothing. The zone is trusted
   * for `ZONE_TRUST_MS` (a changed time zone counts from then on); only days recorded outside a caller's
   * transaction are remembered (one that rolls back would leave no row).
   */
  const recorded = new Map<string, { day: string; zone: string; at: number }>();

  async function insertDay(accountId: string, q: Queryable, now: Date) {
    const [account] = await q
      .select({ timeZone: accounts.timeZone })
      .from(accounts)
      .where(eq(accounts.id, accountId));
    if (!account) return undefined;
    const zone = zoneOrUtc(account.timeZone);
    const day = localDay(now, zone);
    await q.insert(activeDays).values({ accountId, day, createdAt: now }).onConflictDoNothing();
    return { day, zone };
  }

  return {
    /**
     * Counts today as an active day (once a day, however many sign-ins). Inside the caller's transaction it runs
     * in a savepoint, so a failure here rolls back only itself and never fails the sign-in.
     */
    async record(accountId: string, q: Queryable = db): Promise<void> {
      const now = clock.now();
      const memo = recorded.get(accountId);
      const age = memo ? now.getTime() - memo.at : -1;
      if (memo && age >= 0 && age < ZONE_TRUST_MS && localDay(now, memo.zone) === memo.day) return;
      try {
        const done = canNest(q)
          ? await q.transaction((tx) => insertDay(accountId, tx, now))
          : await insertDay(accountId, q, now);
        if (done && q === db) {
          if (recorded.size >= MAX_REMEMBERED) recorded.clear();
          recorded.set(accountId, { ...done, at: now.getTime() });
        }
      } catch (error) {
        onError?.(error, accountId);
      }
    },
  };
}

/** Both the database and an open transaction can open a (nested) transaction: a savepoint in the latter. */
const canNest = (q: Queryable): q is IdentityDb =>
  typeof (q as { transaction?: unknown }).transaction === 'function';

export type Activity = ReturnType<typeof createActivity>;
