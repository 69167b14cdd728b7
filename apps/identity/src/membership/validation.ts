/** The shapes an admin sends for tiers and prices; rules that need the database live in tiers.ts. */
import { MANIFEST_LOCALES } from '@orbit/contracts';
import { z } from 'zod';
import { invalidRequest } from '../http/errors.js';
import { zodProblems } from '../http/validate.js';
import { currencies, pricePeriods, type tierPrices, tierScopes, type tiers } from './schema.js';

/** A tier id: a slug, as the `tiers_id_format` check constraint keeps it. */
export const TIER_ID_PATTERN = /^[a-z][a-z0-9-]{1,31}$/;

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !value.includes('\u0000'), 'must not contain NUL characters');

const localized = (max: number) => z.partialRecord(z.enum(MANIFEST_LOCALES), text(max));

/** Ranks and growth rates: whole numbers from 0. */
const count = z.number().int().min(0).max(1_000_000);

export const tierId = z
  .string()
  .regex(TIER_ID_PATTERN, 'must be 2–32 characters: a lower-case letter, then a-z, 0-9 or -');

/** `#rrggbb`, kept in lower case. */
const color = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour written #rrggbb')
  .transform((value) => value.toLowerCase());

/** Perk values by key; whether each key is declared, and of which type, is checked against the services. */
const perks = z.record(z.string().max(100), z.union([z.number(), z.boolean()]));

/** A price in a currency's minor unit (fen, cents; yen): a positive integer, never a float. */
export const priceInput = z
  .object({
    period: z.enum(pricePeriods),
    currency: z.enum(currencies, { error: `must be one of ${currencies.join(', ')}` }),
    amountMinor: z
      .number()
      .int('must be a whole number of minor units (e.g. 1500 for ¥15.00)')
      .positive('must be more than 0')
      .max(Number.MAX_SAFE_INTEGER),
  })
  .strict() satisfies z.ZodType<Pick<typeof tierPrices.$inferInsert, 'period' | 'currency' | 'amountMinor'>>;

export const pricesInput = z
  .array(priceInput)
  .max(pricePeriods.length * currencies.length)
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

const editable = {
  name: text(40),
  names: localized(40),
  description: text(200),
  descriptions: localized(200),
  color,
  rank: count,
  growthPerDay: count,
  growthPerDayYearly: count,
  perks,
};

export const createTierInput = z
  .object({
    id: tierId,
    ...editable,
    names: editable.names.default({}),
    descriptions: editable.descriptions.default({}),
    scope: z.enum(tierScopes),
    serviceId: z.string().max(64).optional(),
    growthPerDay: count.default(10),
    growthPerDayYearly: count.default(15),
    perks: perks.default({}),
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
  }) satisfies z.ZodType<Omit<typeof tiers.$inferInsert, 'createdAt' | 'updatedAt' | 'retiredAt'>>;

/** What an edit may change: never the id, scope or service (subscriptions and perks depend on them). */
export const updateTierInput = z
  .object(editable)
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'names nothing to change');

export type CreateTierInput = z.input<typeof createTierInput>;
export type UpdateTierInput = z.input<typeof updateTierInput>;
export type PriceInput = z.input<typeof priceInput>;
export type SetPricesInput = z.input<typeof setPricesInput>;

/** Parses input the way every API does: 400 `request.invalid` listing each field. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalidRequest(zodProblems(parsed.error));
  return parsed.data;
}
