import { randomUUID } from 'node:crypto';
import { AppError } from '../http/errors.js';
import type { Queryable } from '../kernel/db.js';
import type { ChangeInput } from './billing-validation.js';
import { MEMBERSHIP_ERRORS } from './errors.js';
import { recordLedgerEntry } from './ledger.js';
import type { PaymentProvider } from './payments/provider.js';
import type { Applied, ApplyContext, UpgradeRequest } from './purchase-engine.js';
import { type SubscriptionRow, subscriptions, type TierRow } from './schema.js';
import {
  addPeriod,
  changeKind,
  currentPrice,
  endSubscription,
  findTier,
  laneOf,
  lockSubscription,
  periodLabel,
  schedulePeriodEnd,
  tierOnSale,
  viewOne,
} from './subscriptions.js';
import { viewReceipt } from './views.js';

/**
 * The credit for the unused part of a paid period: `paid × unused / period length`, rounded down to the minor
 * unit (docs/membership.md). In integers, so no amount is ever off by a float's rounding.
 */
export function unusedCredit(paidMinor: number, start: Date, end: Date, now: Date): number {
  const periodMs = end.getTime() - start.getTime();
  const unusedMs = Math.min(Math.max(end.getTime() - now.getTime(), 0), periodMs);
  if (periodMs <= 0 || paidMinor <= 0) return 0;
  return Number((BigInt(paidMinor) * BigInt(unusedMs)) / BigInt(periodMs));
}

/**
 * The member's plan change, checked against the subscription (locked): theirs, purchased, live, in the same lane
 * and currency. Answers the subscription, its tier and the target tier (on sale).
 */
export async function checkChange(
  tx: Queryable,
  accountId: string,
  subscriptionId: string,
  input: ChangeInput,
): Promise<{
  sub: SubscriptionRow & { period: NonNullable<SubscriptionRow['period']> };
  from: TierRow;
  tier: TierRow;
}> {
  const sub = await lockSubscription(tx, subscriptionId, accountId);
  if (sub.status === 'ended') {
    throw MEMBERSHIP_ERRORS.membershipSubscriptionEnded.error();
  }
  if (sub.source !== 'purchase' || !sub.period || !sub.currency) {
    throw MEMBERSHIP_ERRORS.membershipComplimentary.error();
  }
  if (input.currency !== undefined && input.currency !== sub.currency) {
    throw new AppError(
      400,
      'membership.currency_mismatch',
      `This subscription is billed in ${sub.currency}.`,
      [{ path: 'currency', message: `must be ${sub.currency}` }],
    );
  }
  const tier = await tierOnSale(tx, input.tierId);
  if (laneOf(tier) !== sub.lane) {
    throw new AppError(400, 'membership.other_lane', `${tier.name} is not in this subscription's lane.`, [
      { path: 'tierId', message: `is not a ${sub.lane} tier` },
    ]);
  }
  const from = (await findTier(tx, sub.tierId))!;
  return { sub: { ...sub, period: sub.period }, from, tier };
}

/** tx1 of an upgrade: the plan, the credit for the unused time, and what is left to charge, fixed now. */
export async function prepareUpgrade({
  tx,
  now,
  accountId,
  subscriptionId,
  input,
  provider,
}: {
  tx: Queryable;
  now: Date;
  accountId: string;
  subscriptionId: string;
  input: ChangeInput;
  provider: PaymentProvider;
}): Promise<UpgradeRequest> {
  const { sub, from, tier } = await checkChange(tx, accountId, subscriptionId, input);
  if (sub.status === 'past_due') {
    throw MEMBERSHIP_ERRORS.membershipPastDue.error();
  }
  if (changeKind({ tier: from, period: sub.period }, { tier, period: input.period }) !== 'upgrade') {
    throw new AppError(
      400,
      'membership.not_an_upgrade',
      'That is not an upgrade (a higher tier, or monthly to yearly): schedule it as a downgrade.',
      [{ path: 'tierId', message: 'is not higher than the current plan' }],
    );
  }
  const currency = sub.currency!;
  const priceMinor = await currentPrice(tx, tier, input.period, currency, now);
  // A credit larger than the new price (a long period left on a cheaper plan) pays the whole new period.
  const creditMinor = Math.min(
    unusedCredit(sub.amountMinor ?? 0, sub.currentPeriodStart, sub.currentPeriodEnd, now),
    priceMinor,
  );
  return {
    kind: 'upgrade',
    subscriptionId: sub.id,
    fromPeriodEnd: sub.currentPeriodEnd.toISOString(),
    lane: sub.lane,
    tierId: tier.id,
    period: input.period,
    currency,
    priceMinor,
    creditMinor,
    chargeMinor: priceMinor - creditMinor,
    description: `${tier.name} (${periodLabel(input.period)}), upgrade from ${from.name}`,
    provider: sub.provider ?? provider.id,
    paymentMethod: { id: sub.paymentMethod!, brand: sub.cardBrand ?? '', last4: sub.cardLast4 ?? '' },
  };
}

/**
 * tx2 of an upgrade: the old row ends `upgraded`, a new row starts now at the new tier's full price; the ledger
 * gets the credit and the charge (each skipped when zero: the ledger holds no empty entries).
 */
export async function applyUpgrade(ctx: ApplyContext, request: UpgradeRequest): Promise<Applied> {
  const { tx, now, purchase, charge, clock } = ctx;
  const old = await lockSubscription(tx, request.subscriptionId);
  if (old.status !== 'active' || old.currentPeriodEnd.toISOString() !== request.fromPeriodEnd) {
    return {
      conflict: MEMBERSHIP_ERRORS.membershipSubscriptionChanged.error(),
    };
  }
  const from = (await findTier(tx, old.tierId))!;
  const tier = (await findTier(tx, request.tierId))!;
  const id = randomUUID();
  await endSubscription(tx, old.id, 'upgraded', now, now, { replacedBy: id });
  const card = { cardBrand: old.cardBrand, cardLast4: old.cardLast4 };
  const [sub] = await tx
    .insert(subscriptions)
    .values({
      id,
      accountId: old.accountId,
      tierId: tier.id,
      lane: old.lane,
      source: 'purchase',
      status: 'active',
      period: request.period,
      currency: request.currency,
      amountMinor: request.priceMinor,
      autoRenew: old.autoRenew,
      cancelledAt: old.cancelledAt,
      currentPeriodStart: now,
      currentPeriodEnd: addPeriod(now, request.period),
      provider: old.provider,
      paymentMethod: old.paymentMethod,
      ...card,
      startedAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (request.creditMinor > 0) {
    await recordLedgerEntry(tx, clock, {
      accountId: old.accountId,
      subscriptionId: old.id,
      tierId: from.id,
      kind: 'credit',
      amountMinor: request.creditMinor,
      currency: request.currency,
      period: old.period,
      periodStart: now,
      periodEnd: old.currentPeriodEnd,
      description: `Unused time on ${from.name}, credited to the upgrade`,
    });
  }
  const receipt =
    charge && request.chargeMinor > 0
      ? await recordLedgerEntry(tx, clock, {
          accountId: old.accountId,
          subscriptionId: id,
          tierId: tier.id,
          kind: 'charge',
          amountMinor: request.chargeMinor,
          currency: request.currency,
          provider: request.provider,
          providerRef: charge.id,
          period: request.period,
          periodStart: sub!.currentPeriodStart,
          periodEnd: sub!.currentPeriodEnd,
          description: request.description,
          ...card,
        })
      : null;
  await schedulePeriodEnd(ctx.queue, tx, sub!);
  await ctx.notifier.changed(tx, purchase.accountId, 'upgraded');
  return {
    subscriptionId: id,
    response: {
      status: 200,
      body: {
        subscription: await viewOne(tx, sub!),
        receipt: receipt ? viewReceipt(receipt, tier.name) : null,
        credit: request.creditMinor,
      },
    },
  };
}
