import { and, asc, desc, eq, inArray, lte, max, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { EntitlementSource } from '../api-v1/index.js';
import { accounts } from '../db/schema.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import { activityLevelFor, DEFAULT_VIP_THRESHOLDS, LIVE_STATUSES, vipLevelFor } from './levels.js';
import {
  activeDays,
  growthEntries,
  subscriptions,
  type TierPerks,
  type TierScope,
  tiers,
  vipLevels,
} from './schema.js';

/** A tier an account holds: through a live subscription, or included by a higher platform tier it holds. */
export interface HeldTier {
  id: string;
  scope: TierScope;
  rank: number;
  perks: TierPerks;
}

/**
 * One service's perks from the tiers held: the keys that start with `<serviceId>.`, merged — the largest
 * number, and `true` if any tier grants it. Other services' perks never leave the hub this way.
 */
export function perksFor(held: readonly Pick<HeldTier, 'perks'>[], serviceId: string): TierPerks {
  const prefix = `${serviceId}.`;
  const merged: TierPerks = {};
  for (const tier of held) {
    for (const [key, value] of Object.entries(tier.perks)) {
      if (!key.startsWith(prefix)) continue;
      const current = merged[key];
      if (current === undefined) merged[key] = value;
      else if (typeof current === 'number' && typeof value === 'number')
        merged[key] = Math.max(current, value);
      else if (typeof current === 'boolean' && typeof value === 'boolean') merged[key] = current || value;
    }
  }
  return merged;
}

/**
 * What accounts hold, read from live subscriptions (docs/membership.md, "Concepts"): each live subscription's
 * tier, and every platform tier of a rank not above the highest platform tier held (an SVIP holds VIP; retired
 * tiers too, as a subscription to one keeps its meaning). This is on the path of every service request that
 * reads a perk (the SDK caches it briefly), so the tiers are one query.
 */
export function createMembershipEntitlements({ db }: { db: IdentityDb }) {
  /** The tiers an account holds now: platform tiers first, highest rank first, then service tiers by id. */
  async function held(accountId: string, q: Queryable = db): Promise<HeldTier[]> {
    const live = and(
      eq(subscriptions.accountId, accountId),
      inArray(subscriptions.status, [...LIVE_STATUSES]),
    );
    const subscribed = q.select({ id: subscriptions.tierId }).from(subscriptions).where(live);
    const platformTier = alias(tiers, 'platform_tier');
    const topPlatformRank = q
      .select({ rank: max(platformTier.rank) })
      .from(subscriptions)
      .innerJoin(platformTier, eq(platformTier.id, subscriptions.tierId))
      .where(and(live, eq(platformTier.scope, 'platform')));
    return q
      .select({ id: tiers.id, scope: tiers.scope, rank: tiers.rank, perks: tiers.perks })
      .from(tiers)
      .where(
        or(
          inArray(tiers.id, subscribed),
          and(eq(tiers.scope, 'platform'), lte(tiers.rank, sql`(${topPlatformRank})`)),
        ),
      )
      .orderBy(desc(sql`${tiers.scope} = 'platform'`), desc(tiers.rank), asc(tiers.id));
  }

  // Every service's perk check, and every token and userinfo answer with the `membership` scope, reads this: one
  // statement, prepared once per connection on PostgreSQL, instead of the six `held` and `levels.of` take (the
  // account's existence, the tiers held, the thresholds, the growth sum, a live subscription, the active days).
  // It answers exactly what they answer (entitlements.test.ts compares the two on accounts in every state); no
  // row means no such account.
  const live = sql`s.status in (${sql.join(
    LIVE_STATUSES.map((status) => sql`${status}`),
    sql`, `,
  )})`;
  // Qualified: in a select list the builder names a column without its table, which the subqueries would misread.
  const account = sql`${accounts}.id`;
  const entitlementsQuery = db
    .select({
      tiers: sql<HeldTier[] | string>`coalesce((
        select json_agg(json_build_object('id', t.id, 'scope', t.scope, 'rank', t.rank, 'perks', t.perks)
                        order by t.scope = 'platform' desc, t.rank desc, t.id)
        from ${tiers} t
        where t.id in (select s.tier_id from ${subscriptions} s where s.account_id = ${account} and ${live})
          or (t.scope = 'platform' and t.rank <= (
            select max(p.rank) from ${subscriptions} s join ${tiers} p on p.id = s.tier_id
            where s.account_id = ${account} and ${live} and p.scope = 'platform'))
      ), '[]'::json)`,
      growth: sql<string | number>`(select coalesce(sum(g.delta), 0) from ${growthEntries} g
        where g.account_id = ${account})`,
      member: sql<boolean>`exists (select 1 from ${subscriptions} s where s.account_id = ${account} and ${live})`,
      days: sql<string | number>`(select count(*) from ${activeDays} d where d.account_id = ${account})`,
      thresholds: sql<number[] | string | null>`(select json_agg(v.min_growth order by v.level)
        from ${vipLevels} v)`,
    })
    .from(accounts)
    .where(eq(accounts.id, sql.placeholder('accountId')))
    .prepare('membership_entitlements');

  /** The hub's `EntitlementSource`: the service API, the `membership` claim and the SDK all read this. */
  const source: EntitlementSource = async ({ accountId, serviceId }) => {
    const [row] = await entitlementsQuery.execute({ accountId });
    if (!row) return undefined;
    const tiersHeld = fromJson<HeldTier[]>(row.tiers);
    const thresholds = fromJson<number[] | null>(row.thresholds) ?? DEFAULT_VIP_THRESHOLDS;
    const level = vipLevelFor(Number(row.growth), thresholds);
    return {
      tiers: tiersHeld.map((tier) => tier.id),
      vipLevel: row.member ? level : 0,
      activityLevel: activityLevelFor(Number(row.days)),
      perks: perksFor(tiersHeld, serviceId),
    };
  };

  return { held, source };
}

/** A `json` value as the driver hands it: parsed already (postgres.js, PGlite), or as text. */
function fromJson<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

export type MembershipEntitlements = ReturnType<typeof createMembershipEntitlements>;
