import type { LocalizedText } from '@orbit/manifest';
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgSchema,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { services } from '../services/schema.js';

/** The membership layer's own schema: tiers and their prices (later subscriptions, growth, the ledgers). */
export const membership = pgSchema('membership');

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const tierScopes = ['platform', 'service'] as const;
export type TierScope = (typeof tierScopes)[number];
export const pricePeriods = ['month', 'year'] as const;
export type PricePeriod = (typeof pricePeriods)[number];
/** ISO 4217 codes a price may be in; amounts are in each one's minor unit (JPY has none: 1 = ¥1). */
export const currencies = ['CNY', 'USD', 'EUR', 'GBP', 'JPY', 'HKD', 'SGD'] as const;
export type Currency = (typeof currencies)[number];

/** Perk values a tier grants, by perk key (`mail.quota_mb`): of the type the service's manifest declares. */
export type TierPerks = Record<string, number | boolean>;

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
    index('tiers_service_id_idx').on(t.serviceId),
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

export const membershipSchema = { tiers, tierPrices };
export type TierRow = typeof tiers.$inferSelect;
export type TierPriceRow = typeof tierPrices.$inferSelect;
