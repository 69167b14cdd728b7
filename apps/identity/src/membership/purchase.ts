import type { Job } from '@orbit/jobs';
import { and, eq, ne, sql } from 'drizzle-orm';
import { sha256 } from '../crypto.js';
import { AppError } from '../http/errors.js';
import type { Queryable } from '../kernel/db.js';
import type { ChangeInput, PurchaseInput } from './billing-validation.js';
import { recordLedgerEntry } from './ledger.js';
import { normalizeCardNumber } from './payments/cards.js';
import {
  type Applied,
  type ApplyContext,
  createPurchaseEngine,
  type StoredResponse,
  type SubscribeRequest,
} from './purchase-engine.js';
import { purchases, subscriptions } from './schema.js';
import {
  addPeriod,
  type BillingDeps,
  currentPrice,
  findTier,
  laneOf,
  liveInLane,
  lockAccount,
  periodLabel,
  schedulePeriodEnd,
  tierOnSale,
  viewOne,
} from './subscriptions.js';
import { applyUpgrade, prepareUpgrade } from './upgrade.js';
import { viewReceipt } from './views.js';

/** Applies a paid new subscription (tx2 of a subscribe). */
async function applySubscribe(ctx: ApplyContext, request: SubscribeRequest): Promise<Applied> {
  const { tx, now, purchase, charge, clock } = ctx;
  await lockAccount(tx, purchase.accountId);
  const taken = await liveInLane(tx, purchase.accountId, request.lane, 'purchase');
  if (taken) return { conflict: alreadySubscribed(taken.id) };
  const tier = (await findTier(tx, request.tierId))!;
  const card = { cardBrand: request.paymentMethod.brand, cardLast4: request.paymentMethod.last4 };
  const [sub] = await tx
    .insert(subscriptions)
    .values({
      accountId: purchase.accountId,
      tierId: tier.id,
      lane: request.lane,
      source: 'purchase',
      status: 'active',
      period: request.period,
      currency: request.currency,
      amountMinor: request.priceMinor,
      autoRenew: request.autoRenew,
      currentPeriodStart: now,
      currentPeriodEnd: addPeriod(now, request.period),
      provider: request.provider,
      paymentMethod: request.paymentMethod.id,
      ...card,
      startedAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const entry = await recordLedgerEntry(tx, clock, {
    accountId: purchase.accountId,
    subscriptionId: sub!.id,
    tierId: tier.id,
    kind: 'charge',
    amountMinor: request.chargeMinor,
    currency: request.currency,
    provider: request.provider,
    providerRef: charge!.id,
    period: request.period,
    periodStart: sub!.currentPeriodStart,
    periodEnd: sub!.currentPeriodEnd,
    description: request.description,
    ...card,
  });
  await schedulePeriodEnd(ctx.queue, tx, sub!);
  await ctx.notifier.changed(tx, purchase.accountId, 'subscribed');
  return {
    subscriptionId: sub!.id,
    response: {
      status: 201,
      body: { subscription: await viewOne(tx, sub!), receipt: viewReceipt(entry, tier.name) },
    },
  };
}

export const alreadySubscribed = (subscriptionId: string) =>
  new AppError(
    409,
    'membership.already_subscribed',
    'You already hold a subscription in this lane: upgrade or downgrade it instead.',
    { subscriptionId },
  );

/**
 * Buying and upgrading, each with an idempotency key (purchase-engine.ts): checked, claimed, charged once,
 * recorded; the same key answers the same.
 */
export function createPurchases(deps: BillingDeps) {
  const { db, clock, provider } = deps;
  const engine = createPurchaseEngine(deps, (ctx, request) =>
    request.kind === 'subscribe' ? applySubscribe(ctx, request) : applyUpgrade(ctx, request),
  );
  const { find, answerRepeat, run } = engine;

  /** Checks a purchase offer; in tx1 again, under the account's lock. */
  async function subscribeOffer(q: Queryable, accountId: string, input: PurchaseInput) {
    const tier = await tierOnSale(q, input.tierId);
    const priceMinor = await currentPrice(q, tier, input.period, input.currency, clock.now());
    const lane = laneOf(tier);
    const taken = await liveInLane(q, accountId, lane, 'purchase');
    if (taken) throw alreadySubscribed(taken.id);
    return { tier, priceMinor, lane };
  }

  return {
    /** `POST /api/me/subscriptions`: 201 `{ subscription, receipt }`, or the stored answer of an earlier call. */
    async subscribe(accountId: string, key: string, input: PurchaseInput): Promise<StoredResponse> {
      const digits = normalizeCardNumber(input.card.number);
      // The request as understood, without the card number (its last four and expiry tell two cards apart).
      const hash = sha256(
        JSON.stringify({
          kind: 'subscribe',
          tierId: input.tierId,
          period: input.period,
          currency: input.currency,
          autoRenew: input.autoRenew,
          card: [digits.slice(-4), input.card.expMonth, input.card.expYear],
        }),
      );
      const existing = await find(accountId, key);
      if (existing) return answerRepeat(existing, hash);
      // Fail fast on a bad offer before a payment method is made; tx1 checks it again under the lock. A twin of
      // this request (same key, same moment) may have finished since the key was looked up: its subscription
      // then fails the check, and its claim — committed before the subscription — answers instead.
      try {
        await subscribeOffer(db, accountId, input);
      } catch (error) {
        const twin = await find(accountId, key);
        if (twin) return answerRepeat(twin, hash);
        throw error;
      }
      // Keyed by the purchase and what it asks, so concurrent retries share one method (a different card
      // under the same key gets its own, and the key's claim below refuses it).
      const method = await provider.createPaymentMethod(input.card, `purchase:${accountId}:${key}:${hash}`);
      return run(accountId, key, hash, async (tx) => {
        const { tier, priceMinor, lane } = await subscribeOffer(tx, accountId, input);
        return {
          kind: 'subscribe',
          lane,
          tierId: tier.id,
          period: input.period,
          currency: input.currency,
          autoRenew: input.autoRenew,
          priceMinor,
          chargeMinor: priceMinor,
          description: `${tier.name} (${periodLabel(input.period)})`,
          provider: provider.id,
          paymentMethod: method,
        };
      });
    },

    /** `POST /api/me/subscriptions/:id/upgrade`: 200 `{ subscription, receipt, credit }`; idempotent likewise. */
    async upgrade(accountId: string, subscriptionId: string, key: string, input: ChangeInput) {
      const hash = sha256(JSON.stringify({ kind: 'upgrade', subscriptionId, ...input }));
      const existing = await find(accountId, key);
      if (existing) return answerRepeat(existing, hash);
      return run(accountId, key, hash, (tx) =>
        prepareUpgrade({ tx, now: clock.now(), accountId, subscriptionId, input, provider }),
      );
    },

    /** The recovery job's handler: finishes a purchase still pending (charging with the same key). */
    async recover(job: Job<{ accountId: string; idempotencyKey: string }>): Promise<void> {
      const row = await find(job.payload.accountId, job.payload.idempotencyKey);
      if (row?.status === 'pending') await engine.settle(row);
    },

    /** Whether a purchase for the lane of a subscription is in flight (lifecycle jobs wait for it). */
    async pendingFor(q: Queryable, subscriptionId: string): Promise<boolean> {
      const [row] = await q
        .select({ key: purchases.idempotencyKey })
        .from(purchases)
        .where(
          and(
            eq(purchases.status, 'pending'),
            ne(purchases.kind, 'subscribe'),
            sql`${purchases.request}->>'subscriptionId' = ${subscriptionId}`,
          ),
        );
      return row !== undefined;
    },
  };
}

export type Purchases = ReturnType<typeof createPurchases>;
