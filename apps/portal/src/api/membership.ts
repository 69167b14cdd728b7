import { membershipAdminApi, membershipApi } from '@orbit/contracts';
import { hub, hubWith } from './client';
import type {
  CardInput,
  Grant,
  GrowthAdjustment,
  GrowthEntry,
  NewTier,
  Period,
  Preferences,
  PriceInput,
  Purchase,
  TierPatch,
  VipLevel,
} from './membership-types';

/**
 * Typed calls to the membership API (docs/membership.md), one per endpoint, through the hub's typed client: each
 * is the endpoint's declaration in `@orbit/contracts`. Buying, upgrading, cancelling, changing the card and every
 * admin write may first be refused with `step_up_required`; the client confirms with a passkey and sends them
 * again with the same headers, so an `Idempotency-Key` stays the same.
 */

const api = membershipApi;
const admin = membershipAdminApi;
const idempotent = (key: string) => hubWith({ 'Idempotency-Key': key });

export type { AccountMembership, Bought, Upgraded } from '@orbit/contracts';

export const membership = {
  /** The tiers on sale, with their current prices. */
  tiersOnSale: async () => (await hub.call(api.tiersOnSale)).tiers,

  /** Live memberships first, then ended ones, newest first. */
  mine: async () => (await hub.call(api.mine)).subscriptions,

  levels: () => hub.call(api.levels),

  growth: async (days: number) => (await hub.call(api.growth, { query: { days } })).points,

  /** Buys a tier. `key` is the checkout attempt's: sending it again answers the same, never a second charge. */
  buy: (purchase: Purchase, key: string) => idempotent(key).call(api.buy, { body: purchase }),

  upgrade: (subscriptionId: string, change: { tierId: string; period: Period }, key: string) =>
    idempotent(key).call(api.upgrade, { params: { id: subscriptionId }, body: change }),

  /** Schedules the change for the end of the current period. */
  downgrade: async (subscriptionId: string, change: { tierId: string; period: Period }) =>
    (await hub.call(api.downgrade, { params: { id: subscriptionId }, body: change })).subscription,

  /** Turns auto-renew off: the perks stay until the period ends. */
  cancel: async (subscriptionId: string) =>
    (await hub.call(api.cancel, { params: { id: subscriptionId } })).subscription,

  resume: async (subscriptionId: string) =>
    (await hub.call(api.resume, { params: { id: subscriptionId } })).subscription,

  /** While past due, the renewal is retried at once with the new card. */
  updateCard: async (subscriptionId: string, card: CardInput) =>
    (await hub.call(api.updateCard, { params: { id: subscriptionId }, body: { card } })).subscription,

  receipts: async () => (await hub.call(api.receipts)).receipts,

  /** Answers the preferences as saved. */
  updatePreferences: (preferences: Preferences) => hub.call(api.updatePreferences, { body: preferences }),
};

export const membershipAdmin = {
  /** Every tier, retired ones too, with its price history. */
  tiers: async () => (await hub.call(admin.tiers)).tiers,

  createTier: async (tier: NewTier) => (await hub.call(admin.createTier, { body: tier })).tier,

  updateTier: async (tierId: string, patch: TierPatch) =>
    (await hub.call(admin.updateTier, { params: { id: tierId }, body: patch })).tier,

  /** Appends the prices that differ, from now or from a later `effectiveFrom` (ISO 8601). */
  setPrices: async (tierId: string, prices: PriceInput[], effectiveFrom?: string) =>
    (
      await hub.call(admin.setPrices, {
        params: { id: tierId },
        body: effectiveFrom ? { prices, effectiveFrom } : { prices },
      })
    ).tier,

  /** Stops new sales; subscribers keep the tier until their period ends. */
  retireTier: async (tierId: string) => (await hub.call(admin.retireTier, { params: { id: tierId } })).tier,

  revenue: async () => (await hub.call(admin.revenue)).tiers,

  vipLevels: async () => (await hub.call(admin.vipLevels)).levels,

  setVipLevels: async (levels: VipLevel[]) =>
    (await hub.call(admin.setVipLevels, { body: { levels } })).levels,

  accountMembership: (accountId: string) => hub.call(admin.accountMembership, { params: { id: accountId } }),

  accountLevels: (accountId: string) => hub.call(admin.accountLevels, { params: { id: accountId } }),

  grant: (accountId: string, grant: Grant) =>
    hub.call(admin.grant, { params: { id: accountId }, body: grant }),

  /** The account's latest growth entries, newest first; `kind: 'adjustment'` for the admins' changes only. */
  growthEntries: async (
    accountId: string,
    { kind, limit }: { kind?: GrowthEntry['kind']; limit?: number } = {},
  ) => (await hub.call(admin.growthEntries, { params: { id: accountId }, query: { kind, limit } })).entries,

  /** Adds (or with a negative delta takes away) growth points; answers the entry and the account's levels after. */
  adjustGrowth: (accountId: string, adjustment: GrowthAdjustment) =>
    hub.call(admin.adjustGrowth, { params: { id: accountId }, body: adjustment }),

  /** Ends a live subscription at once, without a refund. */
  revoke: (subscriptionId: string, reason: string) =>
    hub.call(admin.revoke, { params: { id: subscriptionId }, body: { reason } }),
};
