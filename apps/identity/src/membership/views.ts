import type { ReceiptView, SubscriptionView } from '@orbit/contracts';
import type { LedgerEntryRow, SubscriptionRow, TierRow } from './schema.js';

/** What a member and the portal see of a subscription, and a ledger entry as a receipt: `@orbit/contracts`. */
export type { ReceiptView, SubscriptionView };

const iso = (date: Date | null) => date?.toISOString() ?? null;
const cardOf = (row: { cardBrand: string | null; cardLast4: string | null }) =>
  row.cardBrand && row.cardLast4 ? { brand: row.cardBrand, last4: row.cardLast4 } : null;

export function viewSubscription(row: SubscriptionRow, tier: TierRow): SubscriptionView {
  return {
    id: row.id,
    tierId: row.tierId,
    tier: {
      id: tier.id,
      name: tier.name,
      names: tier.names,
      color: tier.color,
      scope: tier.scope,
      serviceId: tier.serviceId,
      rank: tier.rank,
    },
    lane: row.lane,
    source: row.source,
    status: row.status,
    period: row.period,
    currency: row.currency,
    amountMinor: row.amountMinor,
    autoRenew: row.autoRenew,
    cancelledAt: iso(row.cancelledAt),
    currentPeriodStart: row.currentPeriodStart.toISOString(),
    currentPeriodEnd: row.currentPeriodEnd.toISOString(),
    graceUntil: iso(row.graceUntil),
    nextTierId: row.nextTierId,
    nextPeriod: row.nextPeriod,
    card: cardOf(row),
    grantReason: row.grantReason,
    startedAt: row.startedAt.toISOString(),
    endedAt: iso(row.endedAt),
    endReason: row.endReason,
  };
}

/** `R-000042`: the ledger's increasing receipt number, padded for reading. */
export const receiptNumber = (n: number) => `R-${String(n).padStart(6, '0')}`;

export function viewReceipt(row: LedgerEntryRow, tierName: string): ReceiptView {
  return {
    id: row.id,
    number: receiptNumber(row.receiptNumber),
    kind: row.kind,
    tierId: row.tierId,
    tierName,
    amountMinor: row.amountMinor,
    currency: row.currency,
    period: row.period,
    periodStart: iso(row.periodStart),
    periodEnd: iso(row.periodEnd),
    description: row.description,
    card: cardOf(row),
    createdAt: row.createdAt.toISOString(),
  };
}
