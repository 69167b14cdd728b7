import { and, asc, desc, eq, gt, gte, inArray, lt, lte, min, sql, sum } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import { accounts } from '../db/schema.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import type { MembershipChangeNotifier } from './changes.js';
import { type GrowthDay, type GrowthInterval, growthDays } from './growth-days.js';
import { createLevels, vipLevelFor } from './levels.js';
import { addDays, daysBetween, localDay, zoneOrUtc } from './local-days.js';
import {
  growthCursors,
  growthEntries,
  growthZones,
  subscriptions,
  tierGrowthRates,
  tiers,
} from './schema.js';

/** How many accounts a settlement pass reads at a time (each is settled in its own transaction). */
const SETTLE_BATCH = 100;
const NO_ACCOUNT = '00000000-0000-0000-0000-000000000000';

export function createGrowth({
  db,
  clock,
  onError,
  notifier,
}: {
  db: IdentityDb;
  clock: Clock;
  /** Told when one account fails to settle; the pass goes on with the others. */
  onError?: (error: unknown, accountId: string) => void;
  /**
   * Told (`level_changed`, inside the settlement's transaction) when the rows a settlement writes move a
   * member's VIP level, so services drop the entitlements they cached (which carry `vipLevel`). None for tools.
   */
  notifier?: MembershipChangeNotifier | undefined;
}) {
  const levels = createLevels({ db, clock });

  /**
   * Whether growth rows adding up to `added`, just written, moved the account's VIP level as services see it
   * (`vipLevel`: the level growth reaches while a member, else 0 — so a non-member's never moves).
   */
  async function vipLevelMoved(accountId: string, added: number, tx: Queryable): Promise<boolean> {
    if (added === 0 || !(await levels.isMember(accountId, tx))) return false;
    const minimums = (await levels.thresholds(tx)).map((t) => t.minGrowth);
    const [all] = await tx
      .select({ total: sum(growthEntries.delta) })
      .from(growthEntries)
      .where(eq(growthEntries.accountId, accountId));
    const after = Number(all?.total ?? 0);
    return vipLevelFor(after - added, minimums) !== vipLevelFor(after, minimums);
  }

  async function timeZoneOf(accountId: string, q: Queryable): Promise<string> {
    const [row] = await q
      .select({ timeZone: accounts.timeZone })
      .from(accounts)
      .where(eq(accounts.id, accountId));
    return zoneOrUtc(row?.timeZone ?? 'UTC');
  }

  /**
   * Every subscription row of the account, any status, with the rate it earns a day — from the tier's rate
   * history, so a day counts at the rate in force then, and a live row's sure end (see {@link GrowthInterval}).
   */
  async function intervalsOf(accountId: string, q: Queryable): Promise<GrowthInterval[]> {
    const rows = await q
      .select({
        start: subscriptions.startedAt,
        end: subscriptions.endedAt,
        status: subscriptions.status,
        periodEnd: subscriptions.currentPeriodEnd,
        graceUntil: subscriptions.graceUntil,
        period: subscriptions.period,
        tierId: subscriptions.tierId,
        perDay: tiers.growthPerDay,
        perDayYearly: tiers.growthPerDayYearly,
      })
      .from(subscriptions)
      .innerJoin(tiers, eq(tiers.id, subscriptions.tierId))
      .where(eq(subscriptions.accountId, accountId))
      .orderBy(asc(subscriptions.startedAt));
    if (rows.length === 0) return [];
    const history = await q
      .select()
      .from(tierGrowthRates)
      .where(inArray(tierGrowthRates.tierId, [...new Set(rows.map((r) => r.tierId))]))
      .orderBy(asc(tierGrowthRates.effectiveFrom));
    return rows.map((r) => {
      const yearly = r.period === 'year';
      const changes = history.filter((h) => h.tierId === r.tierId);
      return {
        start: r.start,
        end: r.end,
        coveredUntil: r.status === 'active' ? r.periodEnd : r.status === 'past_due' ? r.graceUntil : null,
        rate: yearly ? r.perDayYearly : r.perDay,
        // The last change at or before the instant (the first one for an instant before any: the tier's start).
        rateAt: (at: number) => {
          let inForce = changes[0];
          for (const change of changes) if (change.effectiveFrom.getTime() <= at) inForce = change;
          return inForce
            ? yearly
              ? inForce.perDayYearly
              : inForce.perDay
            : yearly
              ? r.perDayYearly
              : r.perDay;
        },
        tierId: r.tierId,
      };
    });
  }

  async function adjustmentsAfter(accountId: string, day: string | null, q: Queryable) {
    const rows = await q
      .select({ day: growthEntries.day, delta: sum(growthEntries.delta) })
      .from(growthEntries)
      .where(
        and(
          eq(growthEntries.accountId, accountId),
          eq(growthEntries.kind, 'adjustment'),
          day ? gt(growthEntries.day, day) : undefined,
        ),
      )
      .groupBy(growthEntries.day);
    return new Map(rows.map((r) => [r.day, Number(r.delta ?? 0)]));
  }

  /**
   * Records that the account's days from `fromDay` on are counted in `timeZone`, unless its last stretch already
   * is (a stretch in which no day was settled yet is simply re-zoned). Called under the cursor's lock.
   */
  async function recordZone(accountId: string, fromDay: string, timeZone: string, now: Date, tx: Queryable) {
    const [last] = await tx
      .select({ timeZone: growthZones.timeZone })
      .from(growthZones)
      .where(eq(growthZones.accountId, accountId))
      .orderBy(desc(growthZones.fromDay))
      .limit(1);
    if (last?.timeZone === timeZone) return;
    await tx
      .insert(growthZones)
      .values({ accountId, fromDay, timeZone, createdAt: now })
      .onConflictDoUpdate({ target: [growthZones.accountId, growthZones.fromDay], set: { timeZone } });
  }

  /**
   * Settles one account's unsettled days up to today in the caller's transaction, taking its cursor row's lock
   * (held until that transaction ends); answers the rows written.
   */
  async function settleIn(tx: Queryable, accountId: string, now: Date): Promise<number> {
    const [first] = await tx
      .select({ at: min(subscriptions.startedAt) })
      .from(subscriptions)
      .where(eq(subscriptions.accountId, accountId));
    if (!first?.at) return 0;
    await tx
      .insert(growthCursors)
      .values({
        accountId,
        throughDay: addDays(localDay(first.at, await timeZoneOf(accountId, tx)), -1),
        updatedAt: now,
      })
      .onConflictDoNothing();
    // The lock makes a second hub instance wait, then find the days already settled.
    const [cursor] = await tx
      .select({ throughDay: growthCursors.throughDay })
      .from(growthCursors)
      .where(eq(growthCursors.accountId, accountId))
      .for('update');
    // Read under the lock: the zone these days are counted in is the one recorded for them.
    const timeZone = await timeZoneOf(accountId, tx);
    const today = localDay(now, timeZone);
    if (!cursor || cursor.throughDay >= today) return 0;
    await recordZone(accountId, addDays(cursor.throughDay, 1), timeZone, now, tx);
    const [before] = await tx
      .select({ total: sum(growthEntries.delta) })
      .from(growthEntries)
      .where(and(eq(growthEntries.accountId, accountId), lte(growthEntries.day, cursor.throughDay)));
    const { rows, settledThrough } = growthDays(
      await intervalsOf(accountId, tx),
      timeZone,
      addDays(cursor.throughDay, 1),
      today,
      {
        now,
        startTotal: Number(before?.total ?? 0),
        adjustments: await adjustmentsAfter(accountId, cursor.throughDay, tx),
      },
    );
    let written = 0;
    if (rows.length > 0) {
      // The unique index (one accrual or decay per account and day) is the last word on re-runs.
      const inserted = await tx
        .insert(growthEntries)
        .values(rows.map((r) => ({ accountId, ...r, createdAt: now })))
        .onConflictDoNothing()
        .returning({ delta: growthEntries.delta });
      written = inserted.length;
      const added = inserted.reduce((t, r) => t + r.delta, 0);
      if (notifier && (await vipLevelMoved(accountId, added, tx))) {
        await notifier.changed(tx, accountId, 'level_changed');
      }
    }
    if (settledThrough > cursor.throughDay) {
      await tx
        .update(growthCursors)
        .set({ throughDay: settledThrough, updatedAt: now })
        .where(eq(growthCursors.accountId, accountId));
    }
    return written;
  }

  const settleAccount = (accountId: string, now: Date) =>
    db.transaction((tx) => settleIn(tx, accountId, now));

  return {
    settleAccount: (accountId: string) => settleAccount(accountId, clock.now()),

    /** Settles the account in the caller's transaction, which then holds its cursor lock (see adjustments). */
    settleAccountIn: (tx: Queryable, accountId: string) => settleIn(tx, accountId, clock.now()),

    /**
     * One settlement pass: every account that ever had a subscription and may have a day to settle, in bounded
     * batches. Safe to run again, after downtime (the missing days are simply settled now), and on several hub
     * instances at once.
     */
    async settle(): Promise<{ accounts: number; entries: number }> {
      const now = clock.now();
      // Local days lie within a day of the UTC date: anything settled through UTC tomorrow is surely done, and
      // through UTC today is done unless a live membership can still accrue today.
      const utcToday = now.toISOString().slice(0, 10);
      const utcTomorrow = addDays(utcToday, 1);
      let after = NO_ACCOUNT;
      let settled = 0;
      let entries = 0;
      for (;;) {
        const batch = await db
          .select({ accountId: subscriptions.accountId })
          .from(subscriptions)
          .leftJoin(growthCursors, eq(growthCursors.accountId, subscriptions.accountId))
          .where(
            and(
              gt(subscriptions.accountId, after),
              sql`(${growthCursors.throughDay} is null or ${growthCursors.throughDay} < ${utcToday}
                or (${growthCursors.throughDay} < ${utcTomorrow} and ${inArray(subscriptions.status, ['active', 'past_due'])}))`,
            ),
          )
          .groupBy(subscriptions.accountId)
          .orderBy(asc(subscriptions.accountId))
          .limit(SETTLE_BATCH);
        for (const { accountId } of batch) {
          try {
            entries += await settleAccount(accountId, now);
            settled += 1;
          } catch (error) {
            onError?.(error, accountId);
          }
        }
        if (batch.length < SETTLE_BATCH) break;
        after = batch[batch.length - 1]!.accountId;
      }
      return { accounts: settled, entries };
    },

    /**
     * Recomputes the account's accrual and decay rows from its subscription records through the day settled so
     * far, and compares them with the stored rows. Rates come from the tiers' rate history, and each stretch of
     * days is counted in the time zone settlement counted it in ({@link growthZones}).
     */
    async rebuild(accountId: string): Promise<{
      matches: boolean;
      expected: GrowthDay[];
      actual: GrowthDay[];
      total: { expected: number; actual: number };
    }> {
      const now = clock.now();
      const intervals = await intervalsOf(accountId, db);
      const stored = await db
        .select()
        .from(growthEntries)
        .where(eq(growthEntries.accountId, accountId))
        .orderBy(asc(growthEntries.day), asc(growthEntries.createdAt));
      const [cursor] = await db
        .select({ throughDay: growthCursors.throughDay })
        .from(growthCursors)
        .where(eq(growthCursors.accountId, accountId));
      const actual: GrowthDay[] = stored
        .filter((r) => r.kind !== 'adjustment')
        .map((r) => ({ day: r.day, kind: r.kind as GrowthDay['kind'], delta: r.delta, tierId: r.tierId }));
      const actualTotal = stored.reduce((t, r) => t + r.delta, 0);
      const adjustments = await adjustmentsAfter(accountId, null, db);
      const adjusted = [...adjustments.values()].reduce((t, d) => t + d, 0);
      const first = intervals[0];
      if (!first || !cursor) {
        return {
          matches: actual.length === 0,
          expected: [],
          actual,
          total: { expected: adjusted, actual: actualTotal },
        };
      }
      const recorded = await db
        .select({ fromDay: growthZones.fromDay, timeZone: growthZones.timeZone })
        .from(growthZones)
        .where(eq(growthZones.accountId, accountId))
        .orderBy(asc(growthZones.fromDay));
      const stretches =
        recorded.length > 0
          ? recorded
          : [{ fromDay: '0001-01-01', timeZone: await timeZoneOf(accountId, db) }];
      const firstDay = localDay(first.start, zoneOrUtc(stretches[0]!.timeZone));
      // Adjustments before the first day count into the total decay is floored at.
      let total = [...adjustments].reduce((t, [day, delta]) => (day < firstDay ? t + delta : t), 0);
      const expected: GrowthDay[] = [];
      stretches.forEach((stretch, i) => {
        const next = stretches[i + 1];
        const from = stretch.fromDay > firstDay ? stretch.fromDay : firstDay;
        const to =
          next && addDays(next.fromDay, -1) < cursor.throughDay
            ? addDays(next.fromDay, -1)
            : cursor.throughDay;
        if (from > to) return;
        const days = growthDays(intervals, zoneOrUtc(stretch.timeZone), from, to, {
          now,
          startTotal: total,
          adjustments,
        });
        expected.push(...days.rows);
        total = days.total;
      });
      const key = (r: GrowthDay) => `${r.day} ${r.kind} ${r.delta} ${r.tierId ?? ''}`;
      const matches =
        expected.length === actual.length && expected.every((r, i) => key(r) === key(actual[i] as GrowthDay));
      const expectedTotal = adjusted + expected.reduce((t, r) => t + r.delta, 0);
      return { matches, expected, actual, total: { expected: expectedTotal, actual: actualTotal } };
    },

    /** The last `days` local days up to today, each with its change and the total at its end (for the chart). */
    async history(accountId: string, days: number): Promise<{ day: string; total: number; delta: number }[]> {
      const timeZone = await timeZoneOf(accountId, db);
      const today = localDay(clock.now(), timeZone);
      const from = addDays(today, -(days - 1));
      const [before] = await db
        .select({ total: sum(growthEntries.delta) })
        .from(growthEntries)
        .where(and(eq(growthEntries.accountId, accountId), lt(growthEntries.day, from)));
      const rows = await db
        .select({ day: growthEntries.day, delta: sum(growthEntries.delta) })
        .from(growthEntries)
        .where(and(eq(growthEntries.accountId, accountId), gte(growthEntries.day, from)))
        .groupBy(growthEntries.day);
      const deltas = new Map(rows.map((r) => [r.day, Number(r.delta ?? 0)]));
      let total = Number(before?.total ?? 0);
      return daysBetween(from, today).map((day) => {
        const delta = deltas.get(day) ?? 0;
        total += delta;
        return { day, total, delta };
      });
    },
  };
}

export type Growth = ReturnType<typeof createGrowth>;
