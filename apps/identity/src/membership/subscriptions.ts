import type { JobQueue } from '@orbit/jobs';
import { and, desc, eq, inArray, lte, ne, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import { accounts } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import type { MembershipChangeNotifier } from './changes.js';
import { MEMBERSHIP_ERRORS } from './errors.js';
import type { PaymentProvider } from './payments/provider.js';
import {
  type Currency,
  type EndReason,
  type PricePeriod,
  type SubscriptionRow,
  subscriptions,
  type TierRow,
  tierPrices,
  tiers,
} from './schema.js';
import { type SubscriptionView, viewSubscription } from './views.js';

/** Period-end jobs: renew, expire, change or retry each subscription period (lifecycle.ts). */
export const PERIOD_END_QUEUE = 'membership.period-end';
/** Recovery jobs: finish a purchase whose request died between the charge and its record (purchase.ts). */
export const PURCHASE_RECOVERY_QUEUE = 'membership.purchase-recovery';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A failed renewal keeps the perks this long (issue 7: "3 days by default"), retried daily. */
export const DEFAULT_GRACE_MS = 3 * DAY_MS;
export const RETRY_EVERY_MS = DAY_MS;

/** What every part of billing is built from. */
export interface BillingDeps {
  db: IdentityDb;
  clock: Clock;
  queue: JobQueue;
  provider: PaymentProvider;
  notifier: MembershipChangeNotifier;
  /** How long a `past_due` subscription keeps its perks; `DEFAULT_GRACE_MS` unless given. */
  graceMs?: number | undefined;
}

/**
 * The payload of a period-end job: the period it is about (a job for a period already handled does nothing),
 * and which renewal attempt (`renewal_failures` when it was scheduled), or null for "the attempt due now"
 * (a retry asked for by a new card).
 */
export interface PeriodEndJob {
  subscriptionId: string;
  periodEnd: string;
  attempt: number | null;
}

export const periodLabel = (period: PricePeriod) => (period === 'month' ? 'monthly' : 'yearly');

/** `platform`, or the service a service tier belongs to. */
export const laneOf = (tier: Pick<TierRow, 'scope' | 'serviceId'>) =>
  tier.scope === 'platform' ? 'platform' : (tier.serviceId ?? 'platform');

/** One calendar month or year later, in UTC; a day the month doesn't have becomes its last (Jan 31 → Feb 28). */
export function addPeriod(from: Date, period: PricePeriod): Date {
  const months = period === 'year' ? 12 : 1;
  const target = new Date(from);
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(from.getUTCDate(), lastDay));
  return target;
}

/** The price in force at `at` for a tier, period and currency (the latest row not after it); undefined if none. */
export async function priceAt(
  q: Queryable,
  tierId: string,
  period: PricePeriod,
  currency: Currency,
  at: Date,
): Promise<number | undefined> {
  const [row] = await q
    .select({ amountMinor: tierPrices.amountMinor })
    .from(tierPrices)
    .where(
      and(
        eq(tierPrices.tierId, tierId),
        eq(tierPrices.period, period),
        eq(tierPrices.currency, currency),
        lte(tierPrices.effectiveFrom, at),
      ),
    )
    .orderBy(desc(tierPrices.effectiveFrom))
    .limit(1);
  return row?.amountMinor;
}

export async function findTier(q: Queryable, id: string): Promise<TierRow | undefined> {
  const [tier] = await q.select().from(tiers).where(eq(tiers.id, id));
  return tier;
}

/** The tier a member asks for, on sale: 400 `membership.unknown_tier` or `membership.tier_retired`. */
export async function tierOnSale(q: Queryable, id: string): Promise<TierRow> {
  const tier = await findTier(q, id);
  if (!tier) {
    throw new AppError(400, 'membership.unknown_tier', `No tier ${id}.`, [
      { path: 'tierId', message: 'no such tier' },
    ]);
  }
  if (tier.retiredAt) {
    throw new AppError(400, 'membership.tier_retired', `Tier ${id} is retired and no longer sold.`, [
      { path: 'tierId', message: 'is retired' },
    ]);
  }
  return tier;
}

/** The price a member would pay now: 400 `membership.price_unavailable` when the tier has none for it. */
export async function currentPrice(
  q: Queryable,
  tier: TierRow,
  period: PricePeriod,
  currency: Currency,
  now: Date,
): Promise<number> {
  const price = await priceAt(q, tier.id, period, currency, now);
  if (price === undefined) {
    throw new AppError(
      400,
      'membership.price_unavailable',
      `${tier.name} has no ${period}ly price in ${currency}.`,
      [{ path: 'currency', message: `no ${period} price in ${currency}` }],
    );
  }
  return price;
}

/**
 * How a change from one plan to another is treated: rank decides (a higher rank is an upgrade, at once), then
 * the period (month → year is an upgrade). The same tier and period is no change; anything else is a change at
 * period end.
 */
export function changeKind(
  from: { tier: Pick<TierRow, 'id' | 'rank'>; period: PricePeriod },
  to: { tier: Pick<TierRow, 'id' | 'rank'>; period: PricePeriod },
): 'upgrade' | 'downgrade' | 'same' {
  if (from.tier.id === to.tier.id && from.period === to.period) return 'same';
  if (to.tier.rank !== from.tier.rank) return to.tier.rank > from.tier.rank ? 'upgrade' : 'downgrade';
  if (from.period === 'month' && to.period === 'year') return 'upgrade';
  return 'downgrade';
}

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
export const subscriptionNotFound = () => MEMBERSHIP_ERRORS.membershipSubscriptionNotFound.error();

/** A subscription, locked for the rest of the transaction; with `accountId`, only that account's (else 404). */
export async function lockSubscription(
  tx: Queryable,
  id: string,
  accountId?: string,
): Promise<SubscriptionRow> {
  if (!isUuid(id)) throw subscriptionNotFound();
  const [row] = await tx
    .select()
    .from(subscriptions)
    .where(
      accountId === undefined
        ? eq(subscriptions.id, id)
        : and(eq(subscriptions.id, id), eq(subscriptions.accountId, accountId)),
    )
    .for('update');
  if (!row) throw subscriptionNotFound();
  return row;
}

/** The account's live subscription of a source in a lane, if any. */
export async function liveInLane(
  q: Queryable,
  accountId: string,
  lane: string,
  source: SubscriptionRow['source'],
): Promise<SubscriptionRow | undefined> {
  const [row] = await q
    .select()
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.accountId, accountId),
        eq(subscriptions.lane, lane),
        eq(subscriptions.source, source),
        ne(subscriptions.status, 'ended'),
      ),
    );
  return row;
}

/** Serialises an account's purchases and grants: the account row, locked for the rest of the transaction. */
export async function lockAccount(tx: Queryable, accountId: string): Promise<boolean> {
  const rows = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(accounts.id, accountId))
    .for('update');
  return rows.length > 0;
}

/** Whether an account exists. */
export async function accountExists(q: Queryable, accountId: string): Promise<boolean> {
  const rows = await q.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId));
  return rows.length > 0;
}

/** Enqueues the job that handles the end of a subscription's current period, in the caller's transaction. */
export function schedulePeriodEnd(
  queue: JobQueue,
  tx: Queryable,
  sub: Pick<SubscriptionRow, 'id' | 'currentPeriodEnd'>,
): Promise<string | undefined> {
  const periodEnd = sub.currentPeriodEnd.toISOString();
  const payload: PeriodEndJob = { subscriptionId: sub.id, periodEnd, attempt: 0 };
  return queue.enqueue(PERIOD_END_QUEUE, payload, {
    tx,
    runAt: sub.currentPeriodEnd,
    dedupeKey: `period-end:${sub.id}:${periodEnd}`,
  });
}

/** Ends a live subscription (no refund); `endedAt` is when its perks stopped, which may be in the past. */
export async function endSubscription(
  tx: Queryable,
  id: string,
  reason: EndReason,
  at: Date,
  now: Date,
  extra: { note?: string; replacedBy?: string } = {},
): Promise<SubscriptionRow> {
  const [row] = await tx
    .update(subscriptions)
    .set({
      status: 'ended',
      endedAt: at,
      endReason: reason,
      endNote: extra.note ?? null,
      replacedBy: extra.replacedBy ?? null,
      updatedAt: now,
    })
    .where(eq(subscriptions.id, id))
    .returning();
  return row!;
}

/** Views of subscription rows, with their tiers. */
export async function viewSubscriptions(q: Queryable, rows: SubscriptionRow[]): Promise<SubscriptionView[]> {
  const ids = [...new Set(rows.map((row) => row.tierId))];
  const found = ids.length === 0 ? [] : await q.select().from(tiers).where(inArray(tiers.id, ids));
  const byId = new Map(found.map((tier) => [tier.id, tier]));
  return rows.map((row) => viewSubscription(row, byId.get(row.tierId)!));
}

export async function viewOne(q: Queryable, row: SubscriptionRow): Promise<SubscriptionView> {
  return (await viewSubscriptions(q, [row]))[0]!;
}

/** An account's subscriptions: live first, then ended, each newest first. */
export async function subscriptionsOf(q: Queryable, accountId: string): Promise<SubscriptionView[]> {
  const rows = await q
    .select()
    .from(subscriptions)
    .where(eq(subscriptions.accountId, accountId))
    .orderBy(
      sql`${subscriptions.status} = 'ended'`,
      desc(subscriptions.startedAt),
      desc(subscriptions.createdAt),
    );
  return viewSubscriptions(q, rows);
}
