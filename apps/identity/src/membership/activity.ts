import { eq } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import { accounts } from '../db/schema.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import { localDay, zoneOrUtc } from './local-days.js';
import { activeDays } from './schema.js';

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
  async function insertDay(accountId: string, q: Queryable): Promise<void> {
    const now = clock.now();
    const [account] = await q
      .select({ timeZone: accounts.timeZone })
      .from(accounts)
      .where(eq(accounts.id, accountId));
    if (!account) return;
    await q
      .insert(activeDays)
      .values({ accountId, day: localDay(now, zoneOrUtc(account.timeZone)), createdAt: now })
      .onConflictDoNothing();
  }

  return {
    /**
     * Counts today as an active day (once a day, however many sign-ins). Inside the caller's transaction it runs
     * in a savepoint, so a failure here rolls back only itself and never fails the sign-in.
     */
    async record(accountId: string, q: Queryable = db): Promise<void> {
      try {
        if (canNest(q)) await q.transaction((tx) => insertDay(accountId, tx));
        else await insertDay(accountId, q);
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
