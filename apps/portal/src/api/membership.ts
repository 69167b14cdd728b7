import { request } from './client';
import type {
  CardInput,
  Grant,
  GrowthAdjustment,
  GrowthEntry,
  GrowthPoint,
  Levels,
  NewTier,
  Period,
  Preferences,
  PriceInput,
  Purchase,
  Receipt,
  RevenueRow,
  Subscription,
  Tier,
  TierPatch,
  VipLevel,
} from './membership-types';

/**
 * Typed calls to the membership API (docs/membership.md), one per endpoint. Buying, upgrading, cancelling,
 * changing the card and every admin write may first be refused with `step_up_required`; the client confirms
 * with a passkey and sends them again with the same headers, so an `Idempotency-Key` stays the same.
 */

const id = encodeURIComponent;
const subscriptionPath = (subscriptionId: string) => `/api/me/subscriptions/${id(subscriptionId)}`;
const idempotent = (key: string) => ({ 'Idempotency-Key': key });

export interface Bought {
  subscription: Subscription;
  receipt: Receipt;
}

export interface Upgraded extends Bought {
  /** The prorated credit for the unused part of the old period, in the subscription's minor unit. */
  credit: number;
}

/** An account's memberships as an admin sees them (`GET /api/admin/accounts/:id/membership`). */
export interface AccountMembership {
  subscriptions: Subscription[];
  receipts: Receipt[];
}

export const membership = {
  /** The tiers on sale, with their current prices. */
  tiersOnSale: async () => (await request<{ tiers: Tier[] }>('GET', '/api/tiers')).tiers,

  /** Live memberships first, then ended ones, newest first. */
  mine: async () =>
    (await request<{ subscriptions: Subscription[] }>('GET', '/api/me/membership')).subscriptions,

  levels: () => request<Levels>('GET', '/api/me/levels'),

  growth: async (days: number) =>
    (await request<{ points: GrowthPoint[] }>('GET', `/api/me/levels/growth?days=${days}`)).points,

  /** Buys a tier. `key` is the checkout attempt's: sending it again answers the same, never a second charge. */
  buy: (purchase: Purchase, key: string) =>
    request<Bought>('POST', '/api/me/subscriptions', { json: purchase, headers: idempotent(key) }),

  upgrade: (subscriptionId: string, change: { tierId: string; period: Period }, key: string) =>
    request<Upgraded>('POST', `${subscriptionPath(subscriptionId)}/upgrade`, {
      json: change,
      headers: idempotent(key),
    }),

  /** Schedules the change for the end of the current period. */
  downgrade: async (subscriptionId: string, change: { tierId: string; period: Period }) =>
    (
      await request<{ subscription: Subscription }>('POST', `${subscriptionPath(subscriptionId)}/downgrade`, {
        json: change,
      })
    ).subscription,

  /** Turns auto-renew off: the perks stay until the period ends. */
  cancel: async (subscriptionId: string) =>
    (await request<{ subscription: Subscription }>('POST', `${subscriptionPath(subscriptionId)}/cancel`))
      .subscription,

  resume: async (subscriptionId: string) =>
    (await request<{ subscription: Subscription }>('POST', `${subscriptionPath(subscriptionId)}/resume`))
      .subscription,

  /** While past due, the renewal is retried at once with the new card. */
  updateCard: async (subscriptionId: string, card: CardInput) =>
    (
      await request<{ subscription: Subscription }>(
        'PUT',
        `${subscriptionPath(subscriptionId)}/payment-method`,
        {
          json: { card },
        },
      )
    ).subscription,

  receipts: async () => (await request<{ receipts: Receipt[] }>('GET', '/api/me/receipts')).receipts,

  /** Answers the preferences as saved. */
  updatePreferences: (preferences: Preferences) =>
    request<Required<Preferences>>('PATCH', '/api/me/preferences', { json: preferences }),
};

const adminTierPath = (tierId: string) => `/api/admin/tiers/${id(tierId)}`;
const adminAccountPath = (accountId: string) => `/api/admin/accounts/${id(accountId)}`;

export const membershipAdmin = {
  /** Every tier, retired ones too, with its price history. */
  tiers: async () => (await request<{ tiers: Tier[] }>('GET', '/api/admin/tiers')).tiers,

  createTier: async (tier: NewTier) =>
    (await request<{ tier: Tier }>('POST', '/api/admin/tiers', { json: tier })).tier,

  updateTier: async (tierId: string, patch: TierPatch) =>
    (await request<{ tier: Tier }>('PATCH', adminTierPath(tierId), { json: patch })).tier,

  /** Appends the prices that differ, from now or from a later `effectiveFrom` (ISO 8601). */
  setPrices: async (tierId: string, prices: PriceInput[], effectiveFrom?: string) =>
    (
      await request<{ tier: Tier }>('PUT', `${adminTierPath(tierId)}/prices`, {
        json: effectiveFrom ? { prices, effectiveFrom } : { prices },
      })
    ).tier,

  /** Stops new sales; subscribers keep the tier until their period ends. */
  retireTier: async (tierId: string) =>
    (await request<{ tier: Tier }>('POST', `${adminTierPath(tierId)}/retire`)).tier,

  revenue: async () => (await request<{ tiers: RevenueRow[] }>('GET', '/api/admin/revenue')).tiers,

  vipLevels: async () => (await request<{ levels: VipLevel[] }>('GET', '/api/admin/vip-levels')).levels,

  setVipLevels: async (levels: VipLevel[]) =>
    (await request<{ levels: VipLevel[] }>('PUT', '/api/admin/vip-levels', { json: { levels } })).levels,

  accountMembership: (accountId: string) =>
    request<AccountMembership>('GET', `${adminAccountPath(accountId)}/membership`),

  accountLevels: (accountId: string) => request<Levels>('GET', `${adminAccountPath(accountId)}/levels`),

  grant: (accountId: string, grant: Grant) =>
    request<{ subscription: Subscription }>('POST', `${adminAccountPath(accountId)}/memberships`, {
      json: grant,
    }),

  /** The account's latest growth entries, newest first; `kind: 'adjustment'` for the admins' changes only. */
  growthEntries: async (
    accountId: string,
    { kind, limit }: { kind?: GrowthEntry['kind']; limit?: number } = {},
  ) => {
    const query = new URLSearchParams();
    if (kind) query.set('kind', kind);
    if (limit) query.set('limit', String(limit));
    const search = query.toString() ? `?${query}` : '';
    return (
      await request<{ entries: GrowthEntry[] }>(
        'GET',
        `${adminAccountPath(accountId)}/growth-entries${search}`,
      )
    ).entries;
  },

  /** Adds (or with a negative delta takes away) growth points; answers the entry and the account's levels after. */
  adjustGrowth: (accountId: string, adjustment: GrowthAdjustment) =>
    request<{ entry: GrowthEntry; levels: Levels }>(
      'POST',
      `${adminAccountPath(accountId)}/growth-adjustments`,
      {
        json: adjustment,
      },
    ),

  /** Ends a live subscription at once, without a refund. */
  revoke: (subscriptionId: string, reason: string) =>
    request<{ subscription: Subscription }>('POST', `/api/admin/subscriptions/${id(subscriptionId)}/revoke`, {
      json: { reason },
    }),
};
