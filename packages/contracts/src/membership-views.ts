/**
 * The membership layer's views and inputs, as the hub's `/api` answers and takes them (docs/membership.md):
 * tiers and prices, subscriptions, receipts, levels and growth, preferences, checkout, and the admin's tier,
 * grant, revenue and growth screens. The hub types its view functions by these schemas and validates what it
 * reads with the input ones; the portal reads the same types. Depends on nothing but zod.
 */
import { z } from 'zod';
import { MANIFEST_LOCALES } from './manifest.js';

/** ISO 4217 codes a price may be in; amounts are integers in each one's minor unit (JPY has none: 1 = ¥1). */
export const CURRENCIES = ['CNY', 'USD', 'EUR', 'GBP', 'JPY', 'HKD', 'SGD'] as const;
export type Currency = (typeof CURRENCIES)[number];

export const PRICE_PERIODS = ['month', 'year'] as const;
export type PricePeriod = (typeof PRICE_PERIODS)[number];

/** Platform-wide (a higher rank includes every lower one) or one service's. */
export const TIER_SCOPES = ['platform', 'service'] as const;
export type TierScope = (typeof TIER_SCOPES)[number];

export const SUBSCRIPTION_SOURCES = ['purchase', 'complimentary'] as const;
export type SubscriptionSource = (typeof SUBSCRIPTION_SOURCES)[number];

/** `active` and `past_due` (a failed renewal in its grace period) are live: they grant perks. */
export const SUBSCRIPTION_STATUSES = ['active', 'past_due', 'ended'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/**
 * Why a subscription ended: its period ran out (`expired`), the grace after a failed renewal ran out
 * (`payment_failed`), an upgrade replaced it at once (`upgraded`), a scheduled downgrade replaced it at the
 * period end (`changed`), or an admin revoked it (`revoked`).
 */
export const END_REASONS = ['expired', 'payment_failed', 'upgraded', 'changed', 'revoked'] as const;
export type EndReason = (typeof END_REASONS)[number];

/** A receipt is a charge, a prorated credit (unused time moved into an upgrade), or a refund. */
export const LEDGER_KINDS = ['charge', 'credit', 'refund'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** A growth ledger row: a day's accrual, a decay, or an admin's adjustment. */
export const GROWTH_KINDS = ['accrual', 'decay', 'adjustment'] as const;
export type GrowthKind = (typeof GROWTH_KINDS)[number];

/** How many VIP levels there are, and the highest growth a threshold may ask for. */
export const VIP_LEVEL_COUNT = 8;
export const MAX_MIN_GROWTH = 2_147_483_647;
/** An admin's growth adjustment: at most this many points either way, with a note of at most this length. */
export const MAX_ADJUSTMENT = 100_000;
export const MAX_ADJUSTMENT_NOTE = 500;
/** At most this many growth entries in one answer. */
export const MAX_GROWTH_ENTRIES = 100;
/** The growth chart reaches back at most two years. */
export const MAX_HISTORY_DAYS = 730;

/** A tier id: a slug, as the hub's `tiers_id_format` check constraint keeps it. */
export const TIER_ID_PATTERN = /^[a-z][a-z0-9-]{1,31}$/;

const currency = z.enum(CURRENCIES, { error: `must be one of ${CURRENCIES.join(', ')}` });
const period = z.enum(PRICE_PERIODS, { error: 'must be month or year' });
const instant = z.string().describe('ISO 8601');
const names = z.partialRecord(z.enum(MANIFEST_LOCALES), z.string());
const card = z.object({ brand: z.string(), last4: z.string() });

/** Text shown to people; a NUL could never be stored (Postgres text refuses it), so it is refused here. */
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !value.includes('\u0000'), 'must not contain NUL characters');

// ——— Views ———

export const priceView = z.object({
  period: z.enum(PRICE_PERIODS),
  currency: z.enum(CURRENCIES),
  /** In the currency's minor unit: 1500 = ¥15.00, and 1500 = ¥1,500 in JPY. */
  amountMinor: z.number().int(),
  effectiveFrom: instant,
});
export type PriceView = z.infer<typeof priceView>;

/** Perk values a tier grants, by perk key (`mail.quota_mb`): of the type the service's manifest declares. */
export const tierPerks = z.record(z.string(), z.union([z.number(), z.boolean()]));
export type TierPerks = z.infer<typeof tierPerks>;

/** A tier as `GET /api/tiers` (on sale) and `GET /api/admin/tiers` (every one, with `priceHistory`) answer it. */
export const tierView = z
  .object({
    id: z.string(),
    name: z.string(),
    /** The name in other languages, by BCP 47 tag (`zh-CN`). */
    names,
    description: z.string(),
    descriptions: names,
    /** The badge colour, `#rrggbb`. */
    color: z.string(),
    scope: z.enum(TIER_SCOPES),
    serviceId: z.string().nullable(),
    rank: z.number().int(),
    /** Growth points a day while subscribed monthly, and yearly. */
    growthPerDay: z.number().int(),
    growthPerDayYearly: z.number().int(),
    perks: tierPerks,
    retired: z.boolean(),
    retiredAt: instant.nullable(),
    createdAt: instant,
    updatedAt: instant,
    /** The prices in force now, per period and currency. */
    prices: z.array(priceView),
    /** Admins only: every price row, oldest first, including ones that take effect later. */
    priceHistory: z.array(priceView).optional(),
  })
  .meta({ id: 'Tier' });
export type TierView = z.infer<typeof tierView>;

/** The little of a tier a subscription carries. */
export const tierSummary = tierView.pick({
  id: true,
  name: true,
  names: true,
  color: true,
  scope: true,
  serviceId: true,
  rank: true,
});
export type TierSummary = z.infer<typeof tierSummary>;

/** What a member and the portal see of a subscription (docs/membership.md, `SubscriptionView`). */
export const subscriptionView = z
  .object({
    id: z.string(),
    tierId: z.string(),
    tier: tierSummary,
    /** `platform`, or the tier's service id: at most one live purchased subscription per lane. */
    lane: z.string(),
    source: z.enum(SUBSCRIPTION_SOURCES),
    status: z.enum(SUBSCRIPTION_STATUSES),
    /** Null for a complimentary membership. */
    period: z.enum(PRICE_PERIODS).nullable(),
    currency: z.enum(CURRENCIES).nullable(),
    amountMinor: z.number().int().nullable(),
    autoRenew: z.boolean(),
    cancelledAt: instant.nullable(),
    currentPeriodStart: instant,
    currentPeriodEnd: instant,
    /** While `past_due`: perks are kept until then, and the renewal is retried. */
    graceUntil: instant.nullable(),
    /** A downgrade scheduled for the period end. */
    nextTierId: z.string().nullable(),
    nextPeriod: z.enum(PRICE_PERIODS).nullable(),
    /** What is shown of a card: never its number. */
    card: card.nullable(),
    grantReason: z.string().nullable(),
    startedAt: instant,
    endedAt: instant.nullable(),
    endReason: z.enum(END_REASONS).nullable(),
  })
  .meta({ id: 'Subscription' });
export type SubscriptionView = z.infer<typeof subscriptionView>;

/** A ledger entry as a receipt (docs/membership.md, `ReceiptView`). */
export const receiptView = z
  .object({
    id: z.string(),
    /** `R-000042`. */
    number: z.string(),
    kind: z.enum(LEDGER_KINDS),
    tierId: z.string(),
    tierName: z.string(),
    amountMinor: z.number().int(),
    currency: z.enum(CURRENCIES),
    period: z.enum(PRICE_PERIODS).nullable(),
    periodStart: instant.nullable(),
    periodEnd: instant.nullable(),
    description: z.string(),
    card: card.nullable(),
    createdAt: instant,
  })
  .meta({ id: 'Receipt' });
export type ReceiptView = z.infer<typeof receiptView>;

/** `POST /api/me/subscriptions` (201): the new subscription and its receipt. */
export const bought = z.object({ subscription: subscriptionView, receipt: receiptView });
export type Bought = z.infer<typeof bought>;

/** `POST /api/me/subscriptions/:id/upgrade`: with the prorated credit for the old period's unused part. */
export const upgraded = bought.extend({
  /** In the subscription's minor unit. */
  credit: z.number().int(),
});
export type Upgraded = z.infer<typeof upgraded>;

export const vipLevel = z.object({ level: z.number().int(), minGrowth: z.number().int() });
export type VipLevel = z.infer<typeof vipLevel>;

export const activityIcons = z.object({
  crowns: z.number().int(),
  suns: z.number().int(),
  moons: z.number().int(),
  stars: z.number().int(),
});
export type ActivityIcons = z.infer<typeof activityIcons>;

/** `GET /api/me/levels` and `GET /api/admin/accounts/:id/levels`. */
export const levelsView = z
  .object({
    growth: z.object({
      /** The sum of the account's growth ledger. */
      total: z.number().int(),
      /** The level growth reaches; `vipLevel` is that while a member, else 0. */
      level: z.number().int(),
      vipLevel: z.number().int(),
      member: z.boolean(),
      nextLevel: vipLevel.nullable(),
      /** What a day earns now: the best rate of the live memberships (0 without one). */
      ratePerDay: z.number().int(),
    }),
    activity: z.object({
      activeDays: z.number().int(),
      level: z.number().int(),
      /** The active days the next level needs in all (not the days still missing). */
      nextLevelDays: z.number().int(),
      icons: activityIcons,
    }),
    timeZone: z.string(),
    showBadges: z.boolean(),
  })
  .meta({ id: 'Levels' });
export type LevelsView = z.infer<typeof levelsView>;

/** One local day of the growth chart. */
export const growthPoint = z.object({
  /** `YYYY-MM-DD` in the account's time zone. */
  day: z.string(),
  total: z.number().int(),
  delta: z.number().int(),
});
export type GrowthPoint = z.infer<typeof growthPoint>;

/** The account's membership preferences, as saved. */
export const preferencesView = z.object({
  /** The IANA zone whose days count for growth and activity. */
  timeZone: z.string(),
  /** Whether services may show the account's VIP and activity badges next to its name. */
  showBadges: z.boolean(),
});
export type PreferencesView = z.infer<typeof preferencesView>;

/** Revenue of one tier in one currency, from the ledger (`GET /api/admin/revenue`). */
export const revenueRow = z.object({
  tierId: z.string(),
  tierName: z.string(),
  currency: z.enum(CURRENCIES),
  /** Sum of charges: what the provider collected. */
  charged: z.number().int(),
  /** Sum of prorated credits (already taken off their upgrade's charge). */
  credited: z.number().int(),
  refunded: z.number().int(),
  /** What was kept: `charged − refunded`. */
  net: z.number().int(),
  /** Number of charges. */
  count: z.number().int(),
});
export type RevenueRow = z.infer<typeof revenueRow>;

/** One row of an account's growth ledger as admins see it (`GET /api/admin/accounts/:id/growth-entries`). */
export const growthEntryView = z.object({
  id: z.string(),
  /** `YYYY-MM-DD`: the account's local day the row counts on. */
  day: z.string(),
  kind: z.enum(GROWTH_KINDS),
  delta: z.number().int(),
  /** For an accrual, the tier whose rate applied. */
  tierId: z.string().nullable(),
  /** For an adjustment, the admin's note. */
  note: z.string().nullable(),
  createdAt: instant,
  /** For an adjustment, the admin who made it (handle null once that account is gone); null for other rows. */
  by: z.object({ id: z.string(), handle: z.string().nullable() }).nullable(),
});
export type GrowthEntryView = z.infer<typeof growthEntryView>;

/** `GET /api/admin/accounts/:id/membership`: an account's memberships as an admin sees them. */
export const accountMembership = z.object({
  subscriptions: z.array(subscriptionView),
  receipts: z.array(receiptView),
});
export type AccountMembership = z.infer<typeof accountMembership>;

// ——— Inputs ———

export const tierId = z
  .string()
  .regex(TIER_ID_PATTERN, 'must be 2–32 characters: a lower-case letter, then a-z, 0-9 or -');

/** A card as typed; the payment provider checks the number (Luhn), expiry and CVC (`payment.invalid_card`). */
export const cardInput = z
  .object({
    number: z.string().trim().min(1).max(30),
    expMonth: z.number().int('must be a whole number'),
    expYear: z.number().int('must be a whole number').min(2000).max(2200),
    cvc: z.string().trim().min(1).max(8),
  })
  .strict();
export type CardInput = z.input<typeof cardInput>;

/** `POST /api/me/subscriptions` (with an `Idempotency-Key` header). */
export const purchaseInput = z
  .object({ tierId, period, currency, autoRenew: z.boolean().default(true), card: cardInput })
  .strict();
export type PurchaseInput = z.input<typeof purchaseInput>;

/** `POST /api/me/subscriptions/:id/upgrade` and `/downgrade`; `currency`, when given, must be the subscription's. */
export const changeInput = z.object({ tierId, period, currency: currency.optional() }).strict();
export type ChangeInput = z.input<typeof changeInput>;

/** `PUT /api/me/subscriptions/:id/payment-method`. */
export const paymentMethodInput = z.object({ card: cardInput }).strict();

const reason = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(500)
  .refine((value) => !value.includes('\u0000'), 'must not contain NUL characters');

/** `POST /api/admin/accounts/:id/memberships`: a complimentary membership until a time in the next ten years. */
export const grantInput = z.object({ tierId, until: z.iso.datetime({ offset: true }), reason }).strict();
export type GrantInput = z.input<typeof grantInput>;

/** `POST /api/admin/subscriptions/:id/revoke`. */
export const revokeInput = z.object({ reason }).strict();

const localized = (max: number) => z.partialRecord(z.enum(MANIFEST_LOCALES), text(max));

/** Ranks and growth rates: whole numbers from 0. */
const count = z.number().int().min(0).max(1_000_000);

/** `#rrggbb`, kept in lower case. */
const color = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour written #rrggbb')
  .transform((value) => value.toLowerCase());

/** Perk values by key; whether each key is declared, and of which type, is checked against the services. */
const perksInput = z.record(z.string().max(100), z.union([z.number(), z.boolean()]));

/** A price in a currency's minor unit (fen, cents; yen): a positive integer, never a float. */
export const priceInput = z
  .object({
    period: z.enum(PRICE_PERIODS),
    currency,
    amountMinor: z
      .number()
      .int('must be a whole number of minor units (e.g. 1500 for ¥15.00)')
      .positive('must be more than 0')
      .max(Number.MAX_SAFE_INTEGER),
  })
  .strict();
export type PriceInput = z.input<typeof priceInput>;

export const pricesInput = z
  .array(priceInput)
  .max(PRICE_PERIODS.length * CURRENCIES.length)
  .superRefine((prices, ctx) => {
    const seen = new Set<string>();
    prices.forEach(({ period, currency }, index) => {
      const key = `${period} ${currency}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index], message: `lists ${key} twice` });
      seen.add(key);
    });
  });

/** `PUT /api/admin/tiers/:id/prices`: new prices, from now or from a later time. */
export const setPricesInput = z
  .object({
    prices: pricesInput.min(1),
    /** When the prices take effect; now unless given (never in the past: a paid period keeps its price). */
    effectiveFrom: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type SetPricesInput = z.input<typeof setPricesInput>;

const editable = {
  name: text(40),
  names: localized(40),
  description: text(200),
  descriptions: localized(200),
  color,
  rank: count,
  growthPerDay: count,
  growthPerDayYearly: count,
  perks: perksInput,
};

/** `POST /api/admin/tiers`. */
export const createTierInput = z
  .object({
    id: tierId,
    ...editable,
    names: editable.names.default({}),
    descriptions: editable.descriptions.default({}),
    scope: z.enum(TIER_SCOPES),
    serviceId: z.string().max(64).optional(),
    growthPerDay: count.default(10),
    growthPerDayYearly: count.default(15),
    perks: perksInput.default({}),
    prices: pricesInput.default([]),
  })
  .strict()
  .superRefine((tier, ctx) => {
    if (tier.scope === 'service' && tier.serviceId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['serviceId'], message: 'a service tier names its service' });
    }
    if (tier.scope === 'platform' && tier.serviceId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['serviceId'], message: 'a platform tier names no service' });
    }
  });
export type CreateTierInput = z.input<typeof createTierInput>;

/** `PATCH /api/admin/tiers/:id`: never the id, scope or service (subscriptions and perks depend on them). */
export const updateTierInput = z
  .object(editable)
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'names nothing to change');
export type UpdateTierInput = z.input<typeof updateTierInput>;

/** `PATCH /api/me/preferences`: only the fields sent change. */
export const preferencesInput = z
  .object({
    // Checked against the zone database by the hub (400 `account.invalid_time_zone`).
    timeZone: z.string().min(1).max(64).optional(),
    showBadges: z.boolean().optional(),
  })
  .strict();
export type PreferencesInput = z.input<typeof preferencesInput>;

/** `PUT /api/admin/vip-levels`: every level's threshold, level 1 at 0, each above the one below. */
export const vipLevelsInput = z
  .object({
    levels: z
      .array(
        z
          .object({
            level: z.number().int().min(1).max(VIP_LEVEL_COUNT),
            minGrowth: z.number().int().min(0).max(MAX_MIN_GROWTH),
          })
          .strict(),
      )
      .length(VIP_LEVEL_COUNT),
  })
  .strict()
  .superRefine(({ levels }, ctx) => {
    levels.forEach((entry, i) => {
      if (entry.level !== i + 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels', i, 'level'],
          message: `must be ${i + 1} (levels in order)`,
        });
      }
      if (i === 0 && entry.minGrowth !== 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels', 0, 'minGrowth'],
          message: 'level 1 must start at 0',
        });
      }
      const previous = levels[i - 1];
      if (previous && entry.minGrowth <= previous.minGrowth) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels', i, 'minGrowth'],
          message: 'must be greater than the level below',
        });
      }
    });
  });

/** `POST /api/admin/accounts/:id/growth-adjustments`: points to add (negative: to take away), and why. */
export const growthAdjustmentInput = z
  .object({
    delta: z
      .number()
      .int('must be a whole number')
      .min(-MAX_ADJUSTMENT)
      .max(MAX_ADJUSTMENT)
      .refine((delta) => delta !== 0, 'must not be 0'),
    note: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(MAX_ADJUSTMENT_NOTE)
      .refine((value) => !value.includes('\u0000'), 'must not contain NUL characters'),
  })
  .strict();
export type GrowthAdjustmentInput = z.input<typeof growthAdjustmentInput>;

/** `GET /api/me/levels/growth?days=`: the chart's days, 90 unless asked. */
export const growthHistoryQuery = z.object({
  days: z.coerce.number().int().min(1).max(MAX_HISTORY_DAYS).default(90),
});

/** `GET /api/admin/accounts/:id/growth-entries?kind=&limit=`. */
export const growthEntriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_GROWTH_ENTRIES).default(20),
  kind: z.enum(GROWTH_KINDS).optional(),
});
