import type { Currency, Period, Price, PriceInput } from '../../../api/membership-types';
import { type AmountProblem, minorToDecimal, parseAmount } from '../../../membership/money';

/**
 * The prices editor: one row per period and currency, amounts typed in major units (`15.00`) and sent as exact
 * integer minor units. Prices are an append-only history at the hub: a price in force can be changed, never
 * removed, so only rows added here can be taken out again.
 */
export interface PriceRow {
  /** Stable across edits, for React keys and test ids. */
  key: string;
  period: Period;
  currency: Currency;
  amount: string;
  /** A price in force at the hub: its period and currency are fixed. */
  existing: boolean;
}

export type PriceProblem = AmountProblem | 'duplicate';

export const rowsOf = (prices: Price[]): PriceRow[] =>
  prices.map((price) => ({
    key: `${price.period}-${price.currency}`,
    period: price.period,
    currency: price.currency,
    amount: minorToDecimal(price.amountMinor, price.currency),
    existing: true,
  }));

export type PricesCheck =
  | { ok: true; prices: PriceInput[] }
  | { ok: false; problems: Record<string, PriceProblem> };

/** The prices to send, or each row's problem by its key (a second row for one period and currency too). */
export function checkPrices(rows: PriceRow[]): PricesCheck {
  const problems: Record<string, PriceProblem> = {};
  const prices: PriceInput[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const slot = `${row.period} ${row.currency}`;
    if (seen.has(slot)) {
      problems[row.key] = 'duplicate';
      continue;
    }
    seen.add(slot);
    const amount = parseAmount(row.amount, row.currency);
    if (amount.ok)
      prices.push({ period: row.period, currency: row.currency, amountMinor: amount.amountMinor });
    else problems[row.key] = amount.problem;
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, prices };
}

/**
 * A `datetime-local` value (the admin's own time) as the ISO instant the hub wants; `null` when empty, undefined
 * when it is not a time or not in the future (a paid period keeps its price, so prices never change backwards).
 */
export function effectiveFromOf(local: string, now: Date): string | null | undefined {
  if (!local.trim()) return null;
  const at = new Date(local);
  if (Number.isNaN(at.getTime()) || at.getTime() <= now.getTime()) return undefined;
  return at.toISOString();
}

/** Prices that take effect later than now, from a tier's history: the scheduled changes. */
export function scheduledPrices(history: Price[] | undefined, now: Date): Price[] {
  return (history ?? []).filter((price) => Date.parse(price.effectiveFrom) > now.getTime());
}
