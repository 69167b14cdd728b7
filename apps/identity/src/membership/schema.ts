import {
  CURRENCIES,
  END_REASONS,
  GROWTH_KINDS,
  LEDGER_KINDS,
  type LocalizedText,
  PRICE_PERIODS,
  SUBSCRIPTION_SOURCES,
  SUBSCRIPTION_STATUSES,
  TIER_SCOPES,
} from '@orbit/contracts';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts } from '../db/schema.js';
import { services } from '../services/index.js';

/** The membership layer's own schema: tiers, subscriptions, purchases, the money and growth ledgers, levels. */
export const membership = pgSchema('membership');

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const tierScopes = TIER_SCOPES;
export type TierScope = (typeof tierScopes)[number];
export const pricePeriods = PRICE_PERIODS;
export type PricePeriod = (typeof pricePeriods)[number];
/** ISO 4217 codes a price may be in; amounts are in each one's minor unit (JPY has none: 1 = ¥1). */
export const currencies = CURRENCIES;
export type Currency = (typeof currencies)[number];

/** Perk values a tier grants, by perk key (`mail.quota_mb`): of the type the service's manifest declares. */
export type TierPerks = Record<string, number | boolean>;

/**
 * Who set a tier's perk: `manifest` (the service's manifest names its value for a default tier, and registration
 * keeps it in step) or `admin` (changed in the console; registration never touches it again).
 */
export type PerkSource = 'manifest' | 'admin';
export type TierPerkSources = Record<string, PerkSource>;

/**
 * A membership tier an admin sells: platform-wide (a higher rank includes every lower one) or for one service.
 * Retired tiers are no longer sold but stay, so subscriptions that name them keep their meaning.
 */
export const tiers = membership.table(
  'tiers',
  {
    /** A slug: `vip`, `mail-plus`. */
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    names: jsonb('names').$type<LocalizedText>().notNull(),
    description: text('description').notNull(),
    descriptions: jsonb('descriptions').$type<LocalizedText>().notNull(),
    /** The badge colour, `#rrggbb`. */
    color: text('color').notNull(),
    scope: text('scope', { enum: tierScopes }).notNull(),
    /** The service a `service` tier belongs to; null for a platform tier. */
    serviceId: text('service_id').references(() => services.id, { onDelete: 'restrict' }),
    rank: integer('rank').notNull(),
    /** Growth points a day while subscribed monthly, and while subscribed yearly. */
    growthPerDay: integer('growth_per_day').notNull().default(10),
    growthPerDayYearly: integer('growth_per_day_yearly').notNull().default(15),
    perks: jsonb('perks').$type<TierPerks>().notNull(),
    /** Who set each perk (migration 0018); a key without a value in `perks` is a perk an admin took away. */
    perkSources: jsonb('perk_sources').$type<TierPerkSources>().notNull().default({}),
    retiredAt: timestamptz('retired_at'),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    check('tiers_id_format', sql`${t.id} ~ '^[a-z][a-z0-9-]{1,31}$'`),
    check('tiers_color_format', sql`${t.color} ~ '^#[0-9a-f]{6}$'`),
    check('tiers_scope_known', sql`${t.scope} in ('platform', 'service')`),
    // A service tier names its service; a platform tier names none.
    check('tiers_service_matches_scope', sql`(${t.scope} = 'service') = (${t.serviceId} is not null)`),
    check('tiers_rank_nonnegative', sql`${t.rank} >= 0`),
    check('tiers_growth_nonnegative', sql`${t.growthPerDay} >= 0 and ${t.growthPerDayYearly} >= 0`),
    check('tiers_perk_sources_object', sql`jsonb_typeof(${t.perkSources}) = 'object'`),
    index('tiers_service_id_idx').on(t.serviceId),
  ],
);

/**
 * The history of each tier's growth rates: a row for every value `growth_per_day` / `growth_per_day_yearly` have
 * had, from the instant (the tier's `updated_at`) it was set. A trigger on `tiers` writes it (migration 0007), so
 * every writer of a tier is covered. Growth settlement and `rebuild` read the rate in force when a day was first
 * covered, so changing a rate never changes a day already settled, and the stored rows stay rebuildable.
 */
export const tierGrowthRates = membership.table(
  'tier_growth_rates',
  {
    tierId: text('tier_id')
      .notNull()
      .references(() => tiers.id, { onDelete: 'cascade' }),
    perDay: integer('per_day').notNull(),
    perDayYearly: integer('per_day_yearly').notNull(),
    effectiveFrom: timestamptz('effective_from').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tierId, t.effectiveFrom] }),
    check('tier_growth_rates_nonnegative', sql`${t.perDay} >= 0 and ${t.perDayYearly} >= 0`),
  ],
);

/**
 * Append-only price history. A tier's price for a period and currency is the row with the latest
 * `effective_from` not after now; a subscription copies the price it paid, so a change never reaches a period
 * already paid (it applies to new subscriptions and at renewal).
 */
export const tierPrices = membership.table(
  'tier_prices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tierId: text('tier_id')
      .notNull()
      .references(() => tiers.id, { onDelete: 'restrict' }),
    period: text('period', { enum: pricePeriods }).notNull(),
    currency: text('currency', { enum: currencies }).notNull(),
    /** In the currency's minor unit (fen, cents; yen): an integer, never a float. */
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    effectiveFrom: timestamptz('effective_from').notNull(),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [
    unique('tier_prices_tier_period_currency_from_key').on(t.tierId, t.period, t.currency, t.effectiveFrom),
    check('tier_prices_amount_positive', sql`${t.amountMinor} > 0`),
    check('tier_prices_period_known', sql`${t.period} in ('month', 'year')`),
    check(
      'tier_prices_currency_known',
      sql`${t.currency} in ('CNY', 'USD', 'EUR', 'GBP', 'JPY', 'HKD', 'SGD')`,
    ),
  ],
);

export const subscriptionSources = SUBSCRIPTION_SOURCES;
export type SubscriptionSource = (typeof subscriptionSources)[number];
/** `active` and `past_due` (a failed renewal in its grace period) are live: they grant perks. */
export const subscriptionStatuses = SUBSCRIPTION_STATUSES;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];
/** Why a subscription ended (the list, with what each means, is `END_REASONS` in `@orbit/contracts`). */
export const endReasons = END_REASONS;
export type EndReason = (typeof endReasons)[number];

/**
 * One membership of one account in one tier, from its start to its end. Renewals extend the row; a change of
 * tier or period ends it and starts a new row (`replaced_by`), so each row is one tier at one rate, and the
 * rows of an account are the record growth is rebuilt from. `lane` is `platform` or the tier's service id: an
 * account holds at most one live purchased and one live complimentary subscription per lane.
 */
export const subscriptions = membership.table(
  'subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    tierId: text('tier_id')
      .notNull()
      .references(() => tiers.id, { onDelete: 'restrict' }),
    lane: text('lane').notNull(),
    source: text('source', { enum: subscriptionSources }).notNull(),
    status: text('status', { enum: subscriptionStatuses }).notNull(),
    /** The billing period; null for a complimentary membership, which simply runs to its end. */
    period: text('period', { enum: pricePeriods }),
    /** What the current period cost (copied from the tier's price when it was paid); null when complimentary. */
    currency: text('currency', { enum: currencies }),
    amountMinor: bigint('amount_minor', { mode: 'number' }),
    autoRenew: boolean('auto_renew').notNull(),
    /** When the member asked to cancel at period end (auto-renew turned off); cleared by resume. */
    cancelledAt: timestamptz('cancelled_at'),
    currentPeriodStart: timestamptz('current_period_start').notNull(),
    currentPeriodEnd: timestamptz('current_period_end').notNull(),
    /** While `past_due`: when the grace period ends and the membership expires unless a retry succeeds. */
    graceUntil: timestamptz('grace_until'),
    /** Failed renewal charges in the current grace period. */
    renewalFailures: integer('renewal_failures').notNull().default(0),
    /** A downgrade the member scheduled for the end of the current period. */
    nextTierId: text('next_tier_id').references(() => tiers.id, { onDelete: 'restrict' }),
    nextPeriod: text('next_period', { enum: pricePeriods }),
    /** The payment provider and its reusable payment method (never a card number), with what to show of it. */
    provider: text('provider'),
    paymentMethod: text('payment_method'),
    cardBrand: text('card_brand'),
    cardLast4: text('card_last4'),
    /** Complimentary memberships: the admin who granted it and why. */
    grantedBy: uuid('granted_by').references(() => accounts.id, { onDelete: 'set null' }),
    grantReason: text('grant_reason'),
    startedAt: timestamptz('started_at').notNull(),
    endedAt: timestamptz('ended_at'),
    endReason: text('end_reason', { enum: endReasons }),
    /** Why an admin revoked it, or other detail about the end. */
    endNote: text('end_note'),
    replacedBy: uuid('replaced_by'),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('subscriptions_one_live_per_lane')
      .on(t.accountId, t.lane, t.source)
      .where(sql`${t.status} <> 'ended'`),
    index('subscriptions_account_idx').on(t.accountId, t.startedAt),
    index('subscriptions_period_end_idx').on(t.currentPeriodEnd).where(sql`${t.status} <> 'ended'`),
    check('subscriptions_status_known', sql`${t.status} in ('active', 'past_due', 'ended')`),
    check('subscriptions_source_known', sql`${t.source} in ('purchase', 'complimentary')`),
    check('subscriptions_period_after_start', sql`${t.currentPeriodEnd} > ${t.currentPeriodStart}`),
    check('subscriptions_ended_has_reason', sql`(${t.status} = 'ended') = (${t.endedAt} is not null)`),
    check(
      'subscriptions_purchase_is_priced',
      sql`${t.source} <> 'purchase' or (${t.period} is not null and ${t.currency} is not null and ${t.amountMinor} is not null and ${t.paymentMethod} is not null)`,
    ),
    check('subscriptions_amount_nonnegative', sql`${t.amountMinor} is null or ${t.amountMinor} >= 0`),
  ],
);

export const purchaseKinds = ['subscribe', 'upgrade'] as const;
export type PurchaseKind = (typeof purchaseKinds)[number];
export const purchaseStatuses = ['pending', 'succeeded', 'failed'] as const;
export type PurchaseStatus = (typeof purchaseStatuses)[number];

/**
 * Idempotency records of purchase calls: the first call with a key claims it (`pending`), charges with the key,
 * and stores its answer; a repeat with the key gets the stored answer and never a second charge. A call that
 * crashed while `pending` is finished by a recovery job, which charges with the same key again (the provider
 * answers the charge it already made).
 */
export const purchases = membership.table(
  'purchases',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    idempotencyKey: text('idempotency_key').notNull(),
    kind: text('kind', { enum: purchaseKinds }).notNull(),
    /** SHA-256 of the request as understood, so a key reused for a different request is refused. */
    requestHash: text('request_hash').notNull(),
    /** The request, as needed to finish it after a crash (never a card number: the payment method id). */
    request: jsonb('request').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: purchaseStatuses }).notNull(),
    chargeRef: text('charge_ref'),
    subscriptionId: uuid('subscription_id'),
    /** The answer given: the subscription and receipt, or the error (status, code, message). */
    response: jsonb('response').$type<Record<string, unknown>>(),
    createdAt: timestamptz('created_at').notNull(),
    completedAt: timestamptz('completed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.idempotencyKey] }),
    check('purchases_status_known', sql`${t.status} in ('pending', 'succeeded', 'failed')`),
    index('purchases_pending_idx').on(t.createdAt).where(sql`${t.status} = 'pending'`),
  ],
);

export const ledgerKinds = LEDGER_KINDS;
export type LedgerKind = (typeof ledgerKinds)[number];

/**
 * The money ledger, append-only (a trigger refuses UPDATE): every charge, prorated credit and refund. Receipts
 * and revenue are read from it. A provider's charge or refund is recorded once (`provider`, `provider_ref`,
 * `kind` unique), so a job that runs twice can't record it twice.
 */
export const ledgerEntries = membership.table(
  'ledger_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Human receipt number, increasing. */
    receiptNumber: bigint('receipt_number', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    subscriptionId: uuid('subscription_id').references(() => subscriptions.id, { onDelete: 'cascade' }),
    tierId: text('tier_id')
      .notNull()
      .references(() => tiers.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: ledgerKinds }).notNull(),
    /** Always positive; `kind` says which way it went. */
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency', { enum: currencies }).notNull(),
    provider: text('provider'),
    providerRef: text('provider_ref'),
    period: text('period', { enum: pricePeriods }),
    periodStart: timestamptz('period_start'),
    periodEnd: timestamptz('period_end'),
    description: text('description').notNull(),
    cardBrand: text('card_brand'),
    cardLast4: text('card_last4'),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('ledger_provider_ref_key')
      .on(t.provider, t.providerRef, t.kind)
      .where(sql`${t.providerRef} is not null`),
    index('ledger_account_idx').on(t.accountId, t.createdAt),
    index('ledger_tier_idx').on(t.tierId),
    check('ledger_amount_positive', sql`${t.amountMinor} > 0`),
    check('ledger_kind_known', sql`${t.kind} in ('charge', 'credit', 'refund')`),
  ],
);

export const sandboxBehaviours = ['succeed', 'decline', 'fail_later'] as const;
export type SandboxBehaviour = (typeof sandboxBehaviours)[number];

/**
 * The built-in sandbox payment provider's own books, as a bank would keep them: the payment methods it issued
 * (only brand and last four digits of the test card) and every charge, keyed by the caller's idempotency key.
 */
export const sandboxPaymentMethods = membership.table('sandbox_payment_methods', {
  id: text('id').primaryKey(),
  /** The caller's key: one method per key, however many calls carry it. */
  idempotencyKey: text('idempotency_key').unique(),
  brand: text('brand').notNull(),
  last4: text('last4').notNull(),
  expMonth: integer('exp_month').notNull(),
  expYear: integer('exp_year').notNull(),
  behaviour: text('behaviour', { enum: sandboxBehaviours }).notNull(),
  createdAt: timestamptz('created_at').notNull(),
});

export const sandboxCharges = membership.table(
  'sandbox_charges',
  {
    id: text('id').primaryKey(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    /** `charge` or `refund` (a refund names the charge in `refunds`). */
    kind: text('kind').notNull(),
    paymentMethod: text('payment_method'),
    refunds: text('refunds'),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    status: text('status').notNull(),
    declineCode: text('decline_code'),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [check('sandbox_charges_amount_positive', sql`${t.amountMinor} > 0`)],
);

export const growthKinds = GROWTH_KINDS;
export type GrowthKind = (typeof growthKinds)[number];

/**
 * The growth ledger, append-only (a trigger refuses UPDATE): one `accrual` or `decay` row per account and local
 * day at most, plus admin `adjustment`s. An account's growth is the sum of its rows.
 */
export const growthEntries = membership.table(
  'growth_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** The day in the account's time zone. */
    day: date('day', { mode: 'string' }).notNull(),
    delta: integer('delta').notNull(),
    kind: text('kind', { enum: growthKinds }).notNull(),
    /** For an accrual, the tier whose rate applied. */
    tierId: text('tier_id').references(() => tiers.id, { onDelete: 'restrict' }),
    note: text('note'),
    /**
     * For an adjustment, the admin who made it. No foreign key: `on delete set null` would be an UPDATE, which
     * the append-only trigger refuses, and an admin's deletion must not be blocked by the rows they wrote.
     */
    createdBy: uuid('created_by'),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('growth_one_per_day').on(t.accountId, t.day).where(sql`${t.kind} in ('accrual', 'decay')`),
    index('growth_account_day_idx').on(t.accountId, t.day),
    check('growth_delta_nonzero', sql`${t.delta} <> 0`),
    check('growth_kind_known', sql`${t.kind} in ('accrual', 'decay', 'adjustment')`),
  ],
);

/** How far the daily growth job has looked at each account (the last local day it settled). */
export const growthCursors = membership.table('growth_cursors', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  throughDay: date('through_day', { mode: 'string' }).notNull(),
  updatedAt: timestamptz('updated_at').notNull(),
});

/**
 * The time zone each stretch of an account's growth days was counted in: from `from_day` (a day in that zone) up
 * to the next row's. Settlement writes a row, under the cursor's lock, whenever it settles in a zone other than
 * the last row's, so a member who changes zone keeps the days already counted, and `rebuild` counts each stretch
 * in its own zone.
 */
export const growthZones = membership.table(
  'growth_zones',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    fromDay: date('from_day', { mode: 'string' }).notNull(),
    timeZone: text('time_zone').notNull(),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.fromDay] })],
);

/** VIP level thresholds: level n needs at least `min_growth` points. Admins may change them. */
export const vipLevels = membership.table(
  'vip_levels',
  {
    level: integer('level').primaryKey(),
    minGrowth: integer('min_growth').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    check('vip_levels_level_range', sql`${t.level} between 1 and 20`),
    check('vip_levels_min_nonnegative', sql`${t.minGrowth} >= 0`),
  ],
);

/** Days (in the account's time zone) on which the account signed in; the activity level is read from them. */
export const activeDays = membership.table(
  'active_days',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.day] })],
);

export const membershipSchema = {
  tiers,
  tierPrices,
  subscriptions,
  purchases,
  ledgerEntries,
  sandboxPaymentMethods,
  sandboxCharges,
  growthEntries,
  growthCursors,
  vipLevels,
  activeDays,
};
export type TierRow = typeof tiers.$inferSelect;
export type TierPriceRow = typeof tierPrices.$inferSelect;
export type SubscriptionRow = typeof subscriptions.$inferSelect;
export type PurchaseRow = typeof purchases.$inferSelect;
export type LedgerEntryRow = typeof ledgerEntries.$inferSelect;
export type GrowthEntryRow = typeof growthEntries.$inferSelect;
