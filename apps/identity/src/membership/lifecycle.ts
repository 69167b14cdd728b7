import { randomUUID } from 'node:crypto';
import type { Job } from '@orbit/jobs';
import { and, eq, lte, ne } from 'drizzle-orm';
import type { Queryable } from '../kernel/db.js';
import type { MembershipChangeReason } from './changes.js';
import { recordLedgerEntry } from './ledger.js';
import type { ChargeResult } from './payments/provider.js';
import type { Purchases } from './purchase.js';
import { type PricePeriod, type SubscriptionRow, subscriptions, type TierRow } from './schema.js';
import {
  addPeriod,
  type BillingDeps,
  DEFAULT_GRACE_MS,
  endSubscription,
  findTier,
  PERIOD_END_QUEUE,
  type PeriodEndJob,
  periodLabel,
  priceAt,
  RETRY_EVERY_MS,
  schedulePeriodEnd,
} from './subscriptions.js';

/** A renewal to charge: the subscription as it was decided on, and what it renews into. */
interface Renewal {
  sub: SubscriptionRow;
  tier: TierRow;
  period: PricePeriod;
  amountMinor: number;
  /** `renew:<id>:<periodEnd>:<failures>`: one charge per period and attempt, whoever runs it, however often. */
  key: string;
}

/** Thrown to have the queue try the job again later (with backoff). */
class NotYet extends Error {
  override name = 'NotYet';
}

const sameAttempt = (sub: SubscriptionRow, periodEnd: string, attempt: number | null) =>
  sub.status !== 'ended' &&
  sub.currentPeriodEnd.toISOString() === periodEnd &&
  (attempt === null || attempt === sub.renewalFailures);

/**
 * The billing lifecycle as durable jobs: one `membership.period-end` job per subscription period renews it
 * (charged at the price in force at the new period's start, the new period starting at the old one's end),
 * expires it (cancelled, complimentary, retired tier), or changes it to a scheduled downgrade. A declined
 * renewal makes it `past_due` until the grace period ends, retried daily. Each job locks its row and checks it
 * still refers to its period and attempt, and every charge carries a key naming them, so a job that runs twice
 * (a crash, several hub instances) charges and records once. Jobs whose time passed while the hub was down run
 * at start, one period at a time.
 */
export function createLifecycle(deps: BillingDeps & { purchases: Pick<Purchases, 'pendingFor'> }) {
  const { db, clock, queue, provider, notifier, purchases } = deps;
  const graceMs = deps.graceMs ?? DEFAULT_GRACE_MS;

  async function end(tx: Queryable, sub: SubscriptionRow, now: Date, note?: string) {
    // A past-due member kept the perks until now; anyone else's ended with the period.
    const at =
      sub.status === 'past_due'
        ? new Date(Math.min(now.getTime(), sub.graceUntil!.getTime()))
        : sub.currentPeriodEnd;
    await endSubscription(tx, sub.id, 'expired', at, now, note === undefined ? {} : { note });
    await notifier.changed(tx, sub.accountId, 'expired');
  }

  /** tx A: locks the row and decides; ends it when there is nothing to charge. */
  function decide({ subscriptionId, periodEnd, attempt }: PeriodEndJob): Promise<Renewal | undefined> {
    return db.transaction(async (tx) => {
      const [sub] = await tx
        .select()
        .from(subscriptions)
        .where(eq(subscriptions.id, subscriptionId))
        .for('update');
      if (!sub || !sameAttempt(sub, periodEnd, attempt)) return undefined;
      const now = clock.now();
      if (now < sub.currentPeriodEnd) throw new NotYet('The period has not ended yet.');
      if (await purchases.pendingFor(tx, sub.id))
        throw new NotYet('An upgrade of this subscription is being paid.');
      if (sub.source === 'complimentary' || !sub.period || !sub.currency)
        return void (await end(tx, sub, now));
      if (!sub.autoRenew) return void (await end(tx, sub, now));
      // Retiring a tier keeps its subscribers until their period ends (issue 7): it renews no more.
      const tier = (await findTier(tx, sub.nextTierId ?? sub.tierId))!;
      if (tier.retiredAt) return void (await end(tx, sub, now, `${tier.name} is retired`));
      const period = sub.nextPeriod ?? sub.period;
      const amountMinor = await priceAt(tx, tier.id, period, sub.currency, sub.currentPeriodEnd);
      if (amountMinor === undefined) {
        return void (await end(tx, sub, now, `${tier.name} has no ${period} price in ${sub.currency}`));
      }
      return { sub, tier, period, amountMinor, key: `renew:${sub.id}:${periodEnd}:${sub.renewalFailures}` };
    });
  }

  /** tx B: records the charge's outcome, unless another run of the same attempt already did. */
  function apply(job: PeriodEndJob, renewal: Renewal, charge: ChargeResult): Promise<void> {
    return db.transaction(async (tx) => {
      const [sub] = await tx
        .select()
        .from(subscriptions)
        .where(eq(subscriptions.id, renewal.sub.id))
        .for('update');
      if (!sub || !sameAttempt(sub, job.periodEnd, renewal.sub.renewalFailures)) return;
      const now = clock.now();
      if (charge.status === 'declined') return declined(tx, sub, now);
      const start = sub.currentPeriodEnd;
      const periodEnd = addPeriod(start, renewal.period);
      const changes = renewal.tier.id !== sub.tierId || renewal.period !== sub.period;
      let current: SubscriptionRow;
      let reason: MembershipChangeReason;
      if (changes) {
        // A scheduled downgrade: this row ends `changed` and the new plan starts where it ended.
        const id = randomUUID();
        await endSubscription(tx, sub.id, 'changed', start, now, { replacedBy: id });
        [current] = (await tx
          .insert(subscriptions)
          .values({
            ...sub,
            id,
            tierId: renewal.tier.id,
            period: renewal.period,
            amountMinor: renewal.amountMinor,
            status: 'active',
            cancelledAt: null,
            currentPeriodStart: start,
            currentPeriodEnd: periodEnd,
            graceUntil: null,
            renewalFailures: 0,
            nextTierId: null,
            nextPeriod: null,
            startedAt: start,
            createdAt: now,
            updatedAt: now,
          })
          .returning()) as [SubscriptionRow];
        reason = 'changed';
      } else {
        [current] = (await tx
          .update(subscriptions)
          .set({
            status: 'active',
            amountMinor: renewal.amountMinor,
            currentPeriodStart: start,
            currentPeriodEnd: periodEnd,
            graceUntil: null,
            renewalFailures: 0,
            updatedAt: now,
          })
          .where(eq(subscriptions.id, sub.id))
          .returning()) as [SubscriptionRow];
        reason = 'renewed';
      }
      await recordLedgerEntry(tx, clock, {
        accountId: sub.accountId,
        subscriptionId: current.id,
        tierId: renewal.tier.id,
        kind: 'charge',
        amountMinor: renewal.amountMinor,
        currency: sub.currency!,
        provider: provider.id,
        providerRef: charge.id,
        period: renewal.period,
        periodStart: start,
        periodEnd,
        description: `${renewal.tier.name} (${periodLabel(renewal.period)}), renewal`,
        cardBrand: sub.cardBrand,
        cardLast4: sub.cardLast4,
      });
      // After downtime the new period may have ended too: its job is due at once, and re-checks.
      await schedulePeriodEnd(queue, tx, current);
      await notifier.changed(tx, sub.accountId, reason);
    });
  }

  /** A declined renewal: `past_due` with perks until the grace period ends, retried daily; then it ends. */
  async function declined(tx: Queryable, sub: SubscriptionRow, now: Date): Promise<void> {
    const graceUntil = sub.graceUntil ?? new Date(sub.currentPeriodEnd.getTime() + graceMs);
    if (now >= graceUntil) {
      await endSubscription(tx, sub.id, 'payment_failed', graceUntil, now);
      await notifier.changed(tx, sub.accountId, 'expired');
      return;
    }
    const failures = sub.renewalFailures + 1;
    const [updated] = await tx
      .update(subscriptions)
      .set({ status: 'past_due', graceUntil, renewalFailures: failures, updatedAt: now })
      .where(eq(subscriptions.id, sub.id))
      .returning();
    await scheduleRetry(
      tx,
      updated!,
      new Date(Math.min(now.getTime() + RETRY_EVERY_MS, graceUntil.getTime())),
    );
    if (sub.status === 'active') await notifier.changed(tx, sub.accountId, 'past_due');
  }

  /** The next attempt of a past-due renewal; one job per attempt (`attempt` null: whichever is due then). */
  function scheduleRetry(
    tx: Queryable,
    sub: SubscriptionRow,
    runAt: Date,
    attempt: number | null = sub.renewalFailures,
  ) {
    const periodEnd = sub.currentPeriodEnd.toISOString();
    const payload: PeriodEndJob = { subscriptionId: sub.id, periodEnd, attempt };
    const which = attempt === null ? `${sub.renewalFailures}:card:${sub.paymentMethod}` : String(attempt);
    return queue.enqueue(PERIOD_END_QUEUE, payload, {
      tx,
      runAt,
      dedupeKey: `renewal-retry:${sub.id}:${periodEnd}:${which}`,
    });
  }

  return {
    /** The `membership.period-end` job handler. */
    async handlePeriodEnd(job: Job<PeriodEndJob>): Promise<void> {
      const renewal = await decide(job.payload);
      if (!renewal) return;
      const charge = await provider.charge({
        idempotencyKey: renewal.key,
        paymentMethod: renewal.sub.paymentMethod!,
        amountMinor: renewal.amountMinor,
        currency: renewal.sub.currency!,
        description: `${renewal.tier.name} (${periodLabel(renewal.period)}), renewal`,
      });
      await apply(job.payload, renewal, charge);
    },

    /** Asks for a past-due renewal to be retried now (a new card), in the caller's transaction. */
    retryNow(tx: Queryable, sub: SubscriptionRow) {
      return scheduleRetry(tx, sub, clock.now(), null);
    },

    /**
     * The safety net: enqueues the job for every live subscription whose period (or grace) has ended, in case
     * one was never scheduled. Dedupe keys make it a no-op for those that were. Answers how many it added.
     */
    async sweep(): Promise<number> {
      const now = clock.now();
      const due = await db
        .select()
        .from(subscriptions)
        .where(and(ne(subscriptions.status, 'ended'), lte(subscriptions.currentPeriodEnd, now)));
      let added = 0;
      for (const sub of due) {
        const id =
          sub.status === 'past_due'
            ? await scheduleRetry(
                db,
                sub,
                new Date(Math.min(now.getTime(), sub.graceUntil?.getTime() ?? now.getTime())),
              )
            : await schedulePeriodEnd(queue, db, sub);
        if (id) added++;
      }
      return added;
    },
  };
}

export type Lifecycle = ReturnType<typeof createLifecycle>;
