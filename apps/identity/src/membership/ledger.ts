import type { RevenueRow } from '@orbit/contracts';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import { type LedgerEntryRow, ledgerEntries, tiers } from './schema.js';
import { type ReceiptView, viewReceipt } from './views.js';

export type NewLedgerEntry = Omit<typeof ledgerEntries.$inferInsert, 'id' | 'receiptNumber' | 'createdAt'>;

/** Revenue of one tier in one currency, from the ledger (`GET /api/admin/revenue`). */
export type RevenueLine = RevenueRow;

/**
 * Appends a ledger entry in the caller's transaction. A provider's charge or refund is recorded once: the unique
 * (`provider`, `provider_ref`, `kind`) index turns a second record into a no-op, and the first one is answered.
 */
export async function recordLedgerEntry(
  tx: Queryable,
  clock: Clock,
  entry: NewLedgerEntry,
): Promise<LedgerEntryRow> {
  const [inserted] = await tx
    .insert(ledgerEntries)
    .values({ ...entry, createdAt: clock.now() })
    .onConflictDoNothing()
    .returning();
  if (inserted) return inserted;
  const [existing] = await tx
    .select()
    .from(ledgerEntries)
    .where(
      and(
        eq(ledgerEntries.provider, entry.provider ?? ''),
        eq(ledgerEntries.providerRef, entry.providerRef ?? ''),
        eq(ledgerEntries.kind, entry.kind),
      ),
    );
  if (!existing) throw new Error('A ledger entry conflicted but could not be read back.');
  return existing;
}

/** Receipts and revenue, read from the append-only money ledger. */
export function createLedger({ db }: { db: IdentityDb }) {
  return {
    /** The account's receipts, newest first. */
    async receipts(accountId: string, q: Queryable = db): Promise<ReceiptView[]> {
      const rows = await q
        .select({ entry: ledgerEntries, tierName: tiers.name })
        .from(ledgerEntries)
        .innerJoin(tiers, eq(tiers.id, ledgerEntries.tierId))
        .where(eq(ledgerEntries.accountId, accountId))
        .orderBy(desc(ledgerEntries.receiptNumber));
      return rows.map(({ entry, tierName }) => viewReceipt(entry, tierName));
    },

    /** Revenue per tier and currency over the whole ledger. */
    async revenue(): Promise<RevenueLine[]> {
      const sumOf = (kind: string) =>
        sql<string>`coalesce(sum(${ledgerEntries.amountMinor}) filter (where ${ledgerEntries.kind} = ${kind}), 0)`;
      const rows = await db
        .select({
          tierId: ledgerEntries.tierId,
          tierName: tiers.name,
          currency: ledgerEntries.currency,
          charged: sumOf('charge'),
          credited: sumOf('credit'),
          refunded: sumOf('refund'),
          count: sql<string>`count(*) filter (where ${ledgerEntries.kind} = 'charge')`,
        })
        .from(ledgerEntries)
        .innerJoin(tiers, eq(tiers.id, ledgerEntries.tierId))
        .groupBy(ledgerEntries.tierId, tiers.name, ledgerEntries.currency)
        .orderBy(asc(ledgerEntries.tierId), asc(ledgerEntries.currency));
      // Sums of bigint come back as strings (numeric); amounts stay far below 2^53.
      return rows.map((row) => {
        const charged = Number(row.charged);
        const refunded = Number(row.refunded);
        return {
          tierId: row.tierId,
          tierName: row.tierName,
          currency: row.currency,
          charged,
          credited: Number(row.credited),
          refunded,
          net: charged - refunded,
          count: Number(row.count),
        };
      });
    },
  };
}

export type Ledger = ReturnType<typeof createLedger>;
