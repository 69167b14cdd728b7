import { asc, eq } from 'drizzle-orm';
import { accounts } from '../db/schema.js';
import type { IdentityDb } from '../kernel/db.js';
import type { GrowthEntryView } from './growth-adjustments.js';
import type { AccountLevels, Levels } from './levels.js';
import { activeDays, growthEntries } from './schema.js';

/** What the hub holds about one account's growth and activity, for the account's data export. */
export interface LevelsExport {
  timeZone: string;
  showBadges: boolean;
  levels: AccountLevels;
  /** The whole growth ledger, oldest first. */
  growth: Omit<GrowthEntryView, 'id' | 'by'>[];
  /** Every local day with a sign-in. */
  activeDays: string[];
}

/** The account's growth ledger, active days and preferences (for `accounts/lifecycle.ts`'s export). */
export function createLevelsExport({ db, levels }: { db: IdentityDb; levels: Levels }) {
  return async function exportLevels(accountId: string): Promise<LevelsExport | undefined> {
    const [account] = await db
      .select({ timeZone: accounts.timeZone, showBadges: accounts.showBadges })
      .from(accounts)
      .where(eq(accounts.id, accountId));
    if (!account) return undefined;
    const growth = await db
      .select()
      .from(growthEntries)
      .where(eq(growthEntries.accountId, accountId))
      .orderBy(asc(growthEntries.day), asc(growthEntries.createdAt));
    const days = await db
      .select({ day: activeDays.day })
      .from(activeDays)
      .where(eq(activeDays.accountId, accountId))
      .orderBy(asc(activeDays.day));
    return {
      ...account,
      levels: await levels.of(accountId),
      growth: growth.map((r) => ({
        day: r.day,
        kind: r.kind,
        delta: r.delta,
        tierId: r.tierId,
        note: r.note,
        createdAt: r.createdAt.toISOString(),
      })),
      activeDays: days.map((d) => d.day),
    };
  };
}
