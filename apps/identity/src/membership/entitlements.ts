import { and, asc, desc, eq, inArray, lte, max, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { EntitlementSource } from '../api-v1/index.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import { type Levels, LIVE_STATUSES } from './levels.js';
import { subscriptions, type TierPerks, type TierScope, tiers } from './schema.js';

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
export function createMembershipEntitlements({ db, levels }: { db: IdentityDb; levels: Levels }) {
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

  /** The hub's `EntitlementSource`: the service API, the `membership` claim and the SDK all read this. */
  const source: EntitlementSource = async ({ accountId, serviceId }) => {
    const [tiersHeld, level] = await Promise.all([held(accountId), levels.of(accountId)]);
    return {
      tiers: tiersHeld.map((tier) => tier.id),
      vipLevel: level.vipLevel,
      activityLevel: level.activityLevel,
      perks: perksFor(tiersHeld, serviceId),
    };
  };

  return { held, source };
}

export type MembershipEntitlements = ReturnType<typeof createMembershipEntitlements>;
