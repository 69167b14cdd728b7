/** The membership layer's shapes, as docs/membership.md gives them (the hub's `membership/` answers them). */

/** ISO 4217 codes a price may be in; amounts are integers in each one's minor unit (JPY has none). */
export const CURRENCIES = ['CNY', 'USD', 'EUR', 'GBP', 'JPY', 'HKD', 'SGD'] as const;
export type Currency = (typeof CURRENCIES)[number];

export const PERIODS = ['month', 'year'] as const;
export type Period = (typeof PERIODS)[number];

export type TierScope = 'platform' | 'service';

/** Perk values a tier grants, by perk key (`mail.quota_mb`). */
export type TierPerks = Record<string, number | boolean>;

export interface Price {
  period: Period;
  currency: Currency;
  /** In the currency's minor unit: 1500 = ¥15.00, and 1500 = ¥1,500 in JPY. */
  amountMinor: number;
  effectiveFrom: string;
}

/** A tier as `GET /api/tiers` (on sale) and `GET /api/admin/tiers` (every one, with `priceHistory`) answer it. */
export interface Tier {
  id: string;
  name: string;
  /** The name in other languages, by BCP 47 tag (`zh-CN`). */
  names: Record<string, string>;
  description: string;
  descriptions: Record<string, string>;
  /** The badge colour, `#rrggbb`. */
  color: string;
  scope: TierScope;
  serviceId: string | null;
  rank: number;
  growthPerDay: number;
  growthPerDayYearly: number;
  perks: TierPerks;
  retired: boolean;
  retiredAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The prices in force now, per period and currency. */
  prices: Price[];
  /** Admins only: every price row, oldest first, including ones that take effect later. */
  priceHistory?: Price[];
}

export interface NewTier {
  id: string;
  name: string;
  names?: Record<string, string>;
  description: string;
  descriptions?: Record<string, string>;
  color: string;
  scope: TierScope;
  serviceId?: string;
  rank: number;
  growthPerDay?: number;
  growthPerDayYearly?: number;
  perks?: TierPerks;
  prices?: PriceInput[];
}

/** What an edit may change: never the id, scope or service. `perks` replaces the whole set. */
export type TierPatch = Partial<
  Pick<
    NewTier,
    | 'name'
    | 'names'
    | 'description'
    | 'descriptions'
    | 'color'
    | 'rank'
    | 'growthPerDay'
    | 'growthPerDayYearly'
  > & { perks: TierPerks }
>;

export interface PriceInput {
  period: Period;
  currency: Currency;
  amountMinor: number;
}

export type SubscriptionStatus = 'active' | 'past_due' | 'ended';
export type SubscriptionSource = 'purchase' | 'complimentary';
export type EndReason = 'expired' | 'payment_failed' | 'upgraded' | 'changed' | 'revoked';

/** What is shown of a card: never its number. */
export interface CardView {
  brand: string;
  last4: string;
}

/** The little of a tier a subscription carries. */
export type TierSummary = Pick<Tier, 'id' | 'name' | 'names' | 'color' | 'scope' | 'serviceId' | 'rank'>;

export interface Subscription {
  id: string;
  tierId: string;
  tier: TierSummary;
  /** `platform`, or the tier's service id: at most one live purchased subscription per lane. */
  lane: string;
  source: SubscriptionSource;
  status: SubscriptionStatus;
  /** Null for a complimentary membership. */
  period: Period | null;
  currency: Currency | null;
  amountMinor: number | null;
  autoRenew: boolean;
  cancelledAt: string | null;
  currentPeriodStart: string;
  currentPeriodEnd: string;
  /** While `past_due`: perks are kept until then, and the renewal is retried. */
  graceUntil: string | null;
  /** A downgrade scheduled for the period end. */
  nextTierId: string | null;
  nextPeriod: Period | null;
  card: CardView | null;
  grantReason: string | null;
  startedAt: string;
  endedAt: string | null;
  endReason: EndReason | null;
}

export interface Receipt {
  id: string;
  /** `R-000042`. */
  number: string;
  kind: 'charge' | 'credit' | 'refund';
  tierId: string;
  tierName: string;
  amountMinor: number;
  currency: Currency;
  period: Period | null;
  periodStart: string | null;
  periodEnd: string | null;
  description: string;
  card: CardView | null;
  createdAt: string;
}

export interface CardInput {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

export interface Purchase {
  tierId: string;
  period: Period;
  currency: Currency;
  autoRenew: boolean;
  card: CardInput;
}

export interface ActivityIcons {
  crowns: number;
  suns: number;
  moons: number;
  stars: number;
}

/** `GET /api/me/levels` and `GET /api/admin/accounts/:id/levels`. */
export interface Levels {
  growth: {
    total: number;
    /** The level growth reaches; `vipLevel` is that while a member, else 0. */
    level: number;
    vipLevel: number;
    member: boolean;
    nextLevel: { level: number; minGrowth: number } | null;
    ratePerDay: number;
  };
  activity: {
    activeDays: number;
    level: number;
    /** The active days the next level needs in all (not the days still missing). */
    nextLevelDays: number;
    icons: ActivityIcons;
  };
  timeZone: string;
  showBadges: boolean;
}

/** One local day of the growth chart. */
export interface GrowthPoint {
  /** `YYYY-MM-DD` in the account's time zone. */
  day: string;
  total: number;
  delta: number;
}

export interface Preferences {
  timeZone?: string;
  showBadges?: boolean;
}

export interface RevenueRow {
  tierId: string;
  tierName: string;
  currency: Currency;
  charged: number;
  credited: number;
  refunded: number;
  net: number;
  count: number;
}

export interface VipLevel {
  level: number;
  minGrowth: number;
}

export interface Grant {
  tierId: string;
  /** ISO 8601. */
  until: string;
  reason: string;
}

/** `POST /api/admin/accounts/:id/growth-adjustments`: points to add (negative: to take away), and why. */
export interface GrowthAdjustment {
  /** A whole number, not 0, at most 100 000 either way. */
  delta: number;
  note: string;
}

/** One row of an account's growth ledger (`GET /api/admin/accounts/:id/growth-entries`). */
export interface GrowthEntry {
  id: string;
  /** `YYYY-MM-DD` in the account's time zone. */
  day: string;
  kind: 'accrual' | 'decay' | 'adjustment';
  delta: number;
  tierId: string | null;
  /** An adjustment's note. */
  note: string | null;
  createdAt: string;
  /** The admin who made an adjustment. */
  by: { id: string; handle: string | null } | null;
}
