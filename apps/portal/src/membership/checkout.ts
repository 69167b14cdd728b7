import {
  CURRENCIES,
  type Currency,
  PERIODS,
  type Period,
  type Subscription,
  type Tier,
} from '../api/membership-types';
import { laneOf } from './changes';
import { isLive } from './status';

/** The periods a tier is sold for now (those with a price), monthly first. */
export const periodsOf = (tier: Pick<Tier, 'prices'>): Period[] =>
  PERIODS.filter((period) => tier.prices.some((price) => price.period === period));

/** The currencies a tier is sold in for a period, in the hub's order (CNY first). */
export const currenciesOf = (tier: Pick<Tier, 'prices'>, period: Period): Currency[] =>
  CURRENCIES.filter((currency) =>
    tier.prices.some((price) => price.period === period && price.currency === currency),
  );

/** Keeps the reader's choice when it is still offered, else the first offered; undefined when none is. */
export function keepChoice<T>(choice: T | undefined, offered: readonly T[]): T | undefined {
  return choice !== undefined && offered.includes(choice) ? choice : offered[0];
}

/**
 * The live purchased membership in each lane. A second purchase in a lane is refused by the hub (the member
 * changes plan instead), so the checkout offers those tiers as held.
 */
export function heldLanes(subscriptions: Subscription[]): Map<string, Subscription> {
  const held = new Map<string, Subscription>();
  for (const subscription of subscriptions) {
    if (subscription.source === 'purchase' && isLive(subscription)) held.set(subscription.lane, subscription);
  }
  return held;
}

/** The live purchased membership a tier's lane already holds, if any. */
export const heldFor = (tier: Pick<Tier, 'scope' | 'serviceId'>, held: Map<string, Subscription>) =>
  held.get(laneOf(tier));
