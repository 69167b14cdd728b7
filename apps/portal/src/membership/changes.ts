import type { Currency, Period, Subscription, Tier, TierSummary } from '../api/membership-types';

/**
 * What a member may change in a lane (docs/membership.md, "Subscription"): a higher-rank tier, or month → year,
 * is an upgrade that happens at once with a prorated credit; a lower rank, or year → month, is a downgrade
 * scheduled for the period end.
 */

export type ChangeKind = 'upgrade' | 'downgrade' | 'same';

/** The lane a tier sells in: `platform`, or its service. */
export const laneOf = (tier: Pick<TierSummary, 'scope' | 'serviceId'>): string =>
  tier.scope === 'platform' ? 'platform' : (tier.serviceId ?? '');

const periodRank = (period: Period) => (period === 'year' ? 1 : 0);

export function changeKind(
  current: { tier: Pick<TierSummary, 'id' | 'rank'>; period: Period },
  target: { tier: Pick<TierSummary, 'id' | 'rank'>; period: Period },
): ChangeKind {
  if (target.tier.rank !== current.tier.rank) {
    return target.tier.rank > current.tier.rank ? 'upgrade' : 'downgrade';
  }
  if (target.period !== current.period) {
    return periodRank(target.period) > periodRank(current.period) ? 'upgrade' : 'downgrade';
  }
  return target.tier.id === current.tier.id ? 'same' : 'downgrade';
}

/** The tier's price in force now for a period and currency, in minor units; undefined when it has none. */
export function priceOf(tier: Pick<Tier, 'prices'>, period: Period, currency: Currency): number | undefined {
  return tier.prices.find((price) => price.period === period && price.currency === currency)?.amountMinor;
}

export interface UpgradePreview {
  /** The unused part of the current period, credited: `paid × unused / period length`, rounded down. */
  credit: number;
  /** The new tier's full price for the new period. */
  price: number;
  /** What the card is charged now: the price less the credit, never below zero. */
  due: number;
  currency: Currency;
}

/**
 * The hub's proration, computed ahead so the member sees it before confirming. The hub computes it again at
 * the moment it charges, so its credit can be a little smaller than this one (time has passed).
 */
export function previewUpgrade(
  subscription: Pick<Subscription, 'amountMinor' | 'currency' | 'currentPeriodStart' | 'currentPeriodEnd'>,
  price: number,
  now: Date,
): UpgradePreview | undefined {
  const { amountMinor, currency } = subscription;
  if (amountMinor === null || currency === null) return undefined;
  const start = Date.parse(subscription.currentPeriodStart);
  const end = Date.parse(subscription.currentPeriodEnd);
  const length = end - start;
  if (!(length > 0)) return undefined;
  const unused = Math.min(Math.max(end - now.getTime(), 0), length);
  // In integers: amounts times milliseconds can pass 2^53.
  const credit = Number((BigInt(amountMinor) * BigInt(Math.round(unused))) / BigInt(Math.round(length)));
  return { credit, price, due: Math.max(0, price - credit), currency };
}

export interface ChangeOption {
  tier: Tier;
  period: Period;
  kind: Exclude<ChangeKind, 'same'>;
  /** The price for the period in the subscription's currency (an upgrade needs one in the same currency). */
  price: number;
}

/**
 * The tiers and periods a purchased, live subscription can change to: tiers on sale in its lane with a price in
 * its currency, except what it is now and what is already scheduled.
 */
export function changeOptions(subscription: Subscription, onSale: Tier[]): ChangeOption[] {
  const { period, currency } = subscription;
  if (subscription.source !== 'purchase' || subscription.status === 'ended' || !period || !currency)
    return [];
  const options: ChangeOption[] = [];
  for (const tier of onSale) {
    if (laneOf(tier) !== subscription.lane) continue;
    for (const targetPeriod of ['month', 'year'] as const) {
      const price = priceOf(tier, targetPeriod, currency);
      if (price === undefined) continue;
      const kind = changeKind({ tier: subscription.tier, period }, { tier, period: targetPeriod });
      if (kind === 'same') continue;
      if (subscription.nextTierId === tier.id && subscription.nextPeriod === targetPeriod) continue;
      options.push({ tier, period: targetPeriod, kind, price });
    }
  }
  return options;
}
