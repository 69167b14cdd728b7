import type { ActivityIcons, LevelsView, VipLevel } from '@orbit/contracts';
import { MAX_MIN_GROWTH, VIP_LEVEL_COUNT } from '@orbit/contracts';
import { and, asc, count, eq, inArray, sql, sum } from 'drizzle-orm';
import type { Within } from '../admin/index.js';
import type { Clock } from '../clock.js';
import { accounts } from '../db/schema.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import { activeDays, growthEntries, subscriptions, tiers, vipLevels } from './schema.js';

/** The default VIP thresholds (level 1 … 8), as seeded by the migration; admins may change them. */
export const DEFAULT_VIP_THRESHOLDS: readonly number[] = [0, 600, 1800, 3600, 6000, 10800, 18000, 30000];

/**
 * How many VIP levels there are (the admin API takes exactly this many thresholds), and the highest threshold
 * (stored as 32-bit integers): the API's own limits, from `@orbit/contracts`.
 */
export { MAX_MIN_GROWTH, VIP_LEVEL_COUNT };

/** Subscription statuses that hold perks (and make growth's level count as the VIP level). */
export const LIVE_STATUSES = ['active', 'past_due'] as const;

/**
 * The VIP level growth reaches: the highest level whose threshold it meets. `thresholds[i]` is the minimum growth
 * of level i + 1 (ascending); 0 when even the first isn't met (or there are none).
 */
export function vipLevelFor(growth: number, thresholds: readonly number[]): number {
  let level = 0;
  for (const [index, min] of thresholds.entries()) {
    if (growth >= min) level = index + 1;
    else break;
  }
  return level;
}

/** Active days level n needs: n² + 4n (5, 12, 21, 32, …). */
export function daysForActivityLevel(level: number): number {
  return level * level + 4 * level;
}

/** The activity level of this many active days: the largest n with n² + 4n ≤ days. */
export function activityLevelFor(days: number): number {
  if (days < daysForActivityLevel(1)) return 0;
  // n = √(days + 4) − 2, then corrected against float rounding near perfect squares.
  let level = Math.floor(Math.sqrt(days + 4)) - 2;
  while (daysForActivityLevel(level + 1) <= days) level += 1;
  while (level > 0 && daysForActivityLevel(level) > days) level -= 1;
  return level;
}

export type { ActivityIcons };

/** The level in base 4: 4 stars = 1 moon, 4 moons = 1 sun, 4 suns = 1 crown (crowns don't carry over). */
export function activityIcons(level: number): ActivityIcons {
  const n = Math.max(0, Math.floor(level));
  return {
    crowns: Math.floor(n / 64),
    suns: Math.floor(n / 16) % 4,
    moons: Math.floor(n / 4) % 4,
    stars: n % 4,
  };
}

/** One account's levels, as entitlements, ID-token claims and badges read them. */
export interface AccountLevels {
  /** The sum of the account's growth ledger. */
  growth: number;
  /** The VIP level growth reaches (shown even when not a member). */
  level: number;
  /** `level` while the account holds a live membership, else 0. */
  vipLevel: number;
  member: boolean;
  activityLevel: number;
  activeDays: number;
}

export type VipLevelThreshold = VipLevel;

/** `GET /api/me/levels` and `GET /api/admin/accounts/:id/levels` (docs/membership.md). */
export type { LevelsView };

export function createLevels({ db, clock }: { db: IdentityDb; clock: Clock }) {
  /** The thresholds in force, level 1 first. */
  async function thresholds(q: Queryable = db): Promise<VipLevelThreshold[]> {
    const rows = await q
      .select({ level: vipLevels.level, minGrowth: vipLevels.minGrowth })
      .from(vipLevels)
      .orderBy(asc(vipLevels.level));
    return rows.length > 0
      ? rows
      : DEFAULT_VIP_THRESHOLDS.map((minGrowth, i) => ({ level: i + 1, minGrowth }));
  }

  /** Levels of many accounts at once (four queries, whatever their number); unknown ids get zeros. */
  async function ofMany(
    accountIds: readonly string[],
    q: Queryable = db,
  ): Promise<Map<string, AccountLevels>> {
    const ids = [...new Set(accountIds)];
    const result = new Map<string, AccountLevels>();
    if (ids.length === 0) return result;
    // One after another: `q` may be a transaction, which runs one statement at a time anyway.
    const levels = await thresholds(q);
    const growthRows = await q
      .select({ accountId: growthEntries.accountId, total: sum(growthEntries.delta) })
      .from(growthEntries)
      .where(inArray(growthEntries.accountId, ids))
      .groupBy(growthEntries.accountId);
    const liveRows = await q
      .select({ accountId: subscriptions.accountId })
      .from(subscriptions)
      .where(and(inArray(subscriptions.accountId, ids), inArray(subscriptions.status, [...LIVE_STATUSES])))
      .groupBy(subscriptions.accountId);
    const dayRows = await q
      .select({ accountId: activeDays.accountId, days: count() })
      .from(activeDays)
      .where(inArray(activeDays.accountId, ids))
      .groupBy(activeDays.accountId);
    const minimums = levels.map((l) => l.minGrowth);
    const growthOf = new Map(growthRows.map((r) => [r.accountId, Number(r.total ?? 0)]));
    const live = new Set(liveRows.map((r) => r.accountId));
    const daysOf = new Map(dayRows.map((r) => [r.accountId, Number(r.days)]));
    for (const id of ids) {
      const growth = growthOf.get(id) ?? 0;
      const level = vipLevelFor(growth, minimums);
      const member = live.has(id);
      const days = daysOf.get(id) ?? 0;
      result.set(id, {
        growth,
        level,
        vipLevel: member ? level : 0,
        member,
        activityLevel: activityLevelFor(days),
        activeDays: days,
      });
    }
    return result;
  }

  return {
    thresholds,
    ofMany,

    /** One account's levels (zeros for an account with no history). */
    async of(accountId: string, q: Queryable = db): Promise<AccountLevels> {
      const levels = await ofMany([accountId], q);
      return levels.get(accountId) as AccountLevels;
    },

    /**
     * Replaces the thresholds: exactly `VIP_LEVEL_COUNT`, level 1 at 0, strictly increasing (the caller validated
     * the shape; this re-checks the invariant so no other caller can store a broken table).
     */
    async setThresholds(
      minGrowths: readonly number[],
      within?: Within<VipLevelThreshold[]>,
    ): Promise<VipLevelThreshold[]> {
      if (!validThresholds(minGrowths)) throw new TypeError('invalid VIP thresholds');
      const now = clock.now();
      return db.transaction(async (tx) => {
        await tx.delete(vipLevels).where(sql`true`);
        await tx
          .insert(vipLevels)
          .values(minGrowths.map((minGrowth, i) => ({ level: i + 1, minGrowth, updatedAt: now })));
        const saved = await thresholds(tx);
        await within?.(tx, saved);
        return saved;
      });
    },

    /** The account's levels as the API shows them; undefined for an unknown account. */
    async describe(accountId: string): Promise<LevelsView | undefined> {
      const [account] = await db
        .select({ timeZone: accounts.timeZone, showBadges: accounts.showBadges })
        .from(accounts)
        .where(eq(accounts.id, accountId));
      if (!account) return undefined;
      const levels = (await ofMany([accountId])).get(accountId) as AccountLevels;
      const next = (await thresholds()).find((t) => t.level === levels.level + 1) ?? null;
      const rates = await db
        .select({
          period: subscriptions.period,
          perDay: tiers.growthPerDay,
          perDayYearly: tiers.growthPerDayYearly,
        })
        .from(subscriptions)
        .innerJoin(tiers, eq(tiers.id, subscriptions.tierId))
        .where(
          and(eq(subscriptions.accountId, accountId), inArray(subscriptions.status, [...LIVE_STATUSES])),
        );
      return {
        growth: {
          total: levels.growth,
          level: levels.level,
          vipLevel: levels.vipLevel,
          member: levels.member,
          nextLevel: next,
          ratePerDay: Math.max(0, ...rates.map((r) => (r.period === 'year' ? r.perDayYearly : r.perDay))),
        },
        activity: {
          activeDays: levels.activeDays,
          level: levels.activityLevel,
          nextLevelDays: daysForActivityLevel(levels.activityLevel + 1),
          icons: activityIcons(levels.activityLevel),
        },
        timeZone: account.timeZone,
        showBadges: account.showBadges,
      };
    },

    /** Whether the account holds a live membership right now. */
    async isMember(accountId: string, q: Queryable = db): Promise<boolean> {
      const rows = await q
        .select({ id: subscriptions.id })
        .from(subscriptions)
        .where(and(eq(subscriptions.accountId, accountId), inArray(subscriptions.status, [...LIVE_STATUSES])))
        .limit(1);
      return rows.length > 0;
    },
  };
}

/** Exactly `VIP_LEVEL_COUNT` non-negative integers, the first 0, strictly increasing. */
export function validThresholds(minGrowths: readonly number[]): boolean {
  return (
    minGrowths.length === VIP_LEVEL_COUNT &&
    minGrowths[0] === 0 &&
    minGrowths.every(
      (m, i) =>
        Number.isInteger(m) &&
        m >= 0 &&
        m <= MAX_MIN_GROWTH &&
        (i === 0 || m > (minGrowths[i - 1] as number)),
    )
  );
}

export type Levels = ReturnType<typeof createLevels>;
