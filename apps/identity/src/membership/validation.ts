/** The shapes an admin sends for tiers and prices; rules that need the database live in tiers.ts. */
import {
  type CreateTierInput,
  createTierInput,
  type PriceInput,
  priceInput,
  pricesInput,
  type SetPricesInput,
  setPricesInput,
  TIER_ID_PATTERN,
  tierId,
  type UpdateTierInput,
  updateTierInput,
} from '@orbit/contracts';
import type { z } from 'zod';
import { invalidRequest } from '../http/errors.js';
import { zodProblems } from '../http/validate.js';
import type { tierPrices, tiers } from './schema.js';

export type { CreateTierInput, PriceInput, SetPricesInput, UpdateTierInput };
/** The tier shapes live in `@orbit/contracts`, so the portal sends what the hub reads; re-exported for the hub. */
export { createTierInput, priceInput, pricesInput, setPricesInput, TIER_ID_PATTERN, tierId, updateTierInput };

/** A compile error here means the contracts' inputs no longer fit the tables they are written to. */
type Fits<T extends U, U> = T;
export type TableFits = [
  Fits<
    z.output<typeof priceInput>,
    Pick<typeof tierPrices.$inferInsert, 'period' | 'currency' | 'amountMinor'>
  >,
  Fits<
    z.output<typeof createTierInput>,
    Omit<typeof tiers.$inferInsert, 'createdAt' | 'updatedAt' | 'retiredAt'>
  >,
];

/** Parses input the way every API does: 400 `request.invalid` listing each field. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalidRequest(zodProblems(parsed.error));
  return parsed.data;
}
