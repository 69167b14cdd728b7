import { jobs } from '@orbit/jobs';
import { and, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import { AppError } from '../http/errors.js';
import type { Queryable } from '../kernel/db.js';
import type { MembershipChangeNotifier, SubscriptionView } from '../membership/index.js';
import { PERIOD_END_QUEUE, purchases, subscriptions, viewSubscriptions } from '../membership/index.js';

/**
 * What deleting the account does to its memberships, shown before the user confirms (`GET /api/me/deletion-check`).
 * `refund` is the billing rule: a membership ended early is not refunded (as when a member cancels or an admin
 * revokes one, docs/membership.md), so a deleted account loses what is left of its paid period.
 */
export interface DeletionCheck {
  /** Live purchased memberships: they end at once, unrefunded, and never renew. */
  paidMemberships: SubscriptionView[];
  /** Live memberships an admin granted: they end too. */
  complimentaryMemberships: SubscriptionView[];
  refund: 'none';
  /** A purchase or renewal is being charged right now: deletion waits for it (409 `account.payment_in_progress`). */
  paymentInProgress: boolean;
}

/** A membership the deletion ended, as the audit log and the caller see it. */
export interface EndedMembership {
  subscriptionId: string;
  tierId: string;
  source: 'purchase' | 'complimentary';
  /** Until when it was paid (or granted): what the member gives up. */
  currentPeriodEnd: string;
}

const paymentInProgress = () =>
  new AppError(
    409,
    'account.payment_in_progress',
    'A payment for this account is being processed. Try again in a few minutes.',
  );

/**
 * The membership side of deleting an account: in the deletion's own transaction, every live membership ends
 * (status `ended`, auto-renew off, reason `revoked` with a note), its period-end jobs are cancelled so no renewal is
 * ever charged afterwards, and every service that reads membership is told (`account_deleted`) through the
 * membership events queue, whose deliveries don't need the account row. The rows then go with the account.
 *
 * A payment in flight is the one thing that can't be ended: a purchase claimed but not yet recorded, or a renewal
 * whose charge is running (its job holds a lease). Deleting then would lose the record of a charge the provider
 * made, so the deletion is refused until it has settled.
 */
export function createMembershipDeletion(deps: { clock: Clock; notifier: MembershipChangeNotifier }) {
  const { clock, notifier } = deps;

  const live = (q: Queryable, accountId: string) =>
    q
      .select()
      .from(subscriptions)
      .where(and(eq(subscriptions.accountId, accountId), ne(subscriptions.status, 'ended')));

  /** Whether a charge for the account is under way: a pending purchase, or a period-end job running for it. */
  async function paying(q: Queryable, accountId: string, subscriptionIds: string[]): Promise<boolean> {
    const [pending] = await q
      .select({ key: purchases.idempotencyKey })
      .from(purchases)
      .where(and(eq(purchases.accountId, accountId), eq(purchases.status, 'pending')))
      .limit(1);
    if (pending) return true;
    if (subscriptionIds.length === 0) return false;
    const [running] = await q
      .select({ id: jobs.id })
      .from(jobs)
      .where(
        and(
          eq(jobs.queue, PERIOD_END_QUEUE),
          eq(jobs.state, 'running'),
          gt(jobs.lockedUntil, clock.now()),
          inArray(sql<string>`${jobs.payload}->>'subscriptionId'`, subscriptionIds),
        ),
      )
      .limit(1);
    return running !== undefined;
  }

  return {
    /** What the deletion would end, for the warning before it. */
    async check(q: Queryable, accountId: string): Promise<DeletionCheck> {
      const rows = await live(q, accountId);
      const views = await viewSubscriptions(q, rows);
      return {
        paidMemberships: views.filter((view) => view.source === 'purchase'),
        complimentaryMemberships: views.filter((view) => view.source === 'complimentary'),
        refund: 'none',
        paymentInProgress: await paying(
          q,
          accountId,
          rows.map((row) => row.id),
        ),
      };
    },

    /** 409 `account.payment_in_progress` while a charge for the account is under way. */
    async refuseWhilePaying(q: Queryable, accountId: string): Promise<void> {
      const rows = await live(q, accountId);
      if (
        await paying(
          q,
          accountId,
          rows.map((row) => row.id),
        )
      ) {
        throw paymentInProgress();
      }
    },

    /**
     * When the owner asks for the deletion, in its transaction: turns auto-renew off on every live purchased
     * membership that renews, so nothing is charged during the grace period (the perks last until the period
     * ends, or the deletion). Answers those subscriptions, for `resumeRenewals` when a sign-in cancels it.
     */
    async pauseRenewals(tx: Queryable, accountId: string): Promise<string[]> {
      const rows = await tx
        .select({ id: subscriptions.id })
        .from(subscriptions)
        .where(
          and(
            eq(subscriptions.accountId, accountId),
            ne(subscriptions.status, 'ended'),
            eq(subscriptions.source, 'purchase'),
            eq(subscriptions.autoRenew, true),
          ),
        )
        .for('update');
      const ids = rows.map((row) => row.id);
      if (ids.length === 0) return [];
      const now = clock.now();
      await tx
        .update(subscriptions)
        .set({ autoRenew: false, cancelledAt: now, updatedAt: now })
        .where(inArray(subscriptions.id, ids));
      await notifier.changed(tx, accountId, 'cancelled');
      return ids;
    },

    /** A sign-in cancelled the deletion: auto-renew is back on for those `pauseRenewals` turned off, still live. */
    async resumeRenewals(tx: Queryable, accountId: string, ids: readonly string[]): Promise<void> {
      if (ids.length === 0) return;
      const resumed = await tx
        .update(subscriptions)
        .set({ autoRenew: true, cancelledAt: null, updatedAt: clock.now() })
        .where(
          and(
            eq(subscriptions.accountId, accountId),
            inArray(subscriptions.id, [...ids]),
            ne(subscriptions.status, 'ended'),
            eq(subscriptions.autoRenew, false),
          ),
        )
        .returning({ id: subscriptions.id });
      if (resumed.length > 0) await notifier.changed(tx, accountId, 'resumed');
    },

    /**
     * Ends every live membership of the account in `tx` (which holds the account row's lock, so no purchase can
     * start meanwhile), cancels their pending period-end jobs and tells the services. Answers what it ended.
     */
    async endAll(tx: Queryable, accountId: string): Promise<EndedMembership[]> {
      const rows = await tx
        .select()
        .from(subscriptions)
        .where(and(eq(subscriptions.accountId, accountId), ne(subscriptions.status, 'ended')))
        .for('update');
      const ids = rows.map((row) => row.id);
      if (await paying(tx, accountId, ids)) throw paymentInProgress();
      if (rows.length === 0) return [];
      const now = clock.now();
      await tx
        .update(subscriptions)
        .set({
          status: 'ended',
          autoRenew: false,
          cancelledAt: now,
          endedAt: now,
          endReason: 'revoked',
          endNote: 'The account was deleted.',
          nextTierId: null,
          nextPeriod: null,
          updatedAt: now,
        })
        .where(inArray(subscriptions.id, ids));
      // Their renewals and retries: cancelled, so none runs (and none could charge: the rows are gone).
      await tx
        .update(jobs)
        .set({ state: 'cancelled', lockedBy: null, lockedUntil: null, finishedAt: now, updatedAt: now })
        .where(
          and(
            eq(jobs.queue, PERIOD_END_QUEUE),
            inArray(jobs.state, ['pending', 'running']),
            inArray(sql<string>`${jobs.payload}->>'subscriptionId'`, ids),
          ),
        );
      await notifier.changed(tx, accountId, 'account_deleted');
      return rows.map((row) => ({
        subscriptionId: row.id,
        tierId: row.tierId,
        source: row.source,
        currentPeriodEnd: row.currentPeriodEnd.toISOString(),
      }));
    },
  };
}

export type MembershipDeletion = ReturnType<typeof createMembershipDeletion>;
