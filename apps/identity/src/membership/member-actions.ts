import { eq } from 'drizzle-orm';
import { AppError } from '../http/errors.js';
import type { Queryable } from '../kernel/db.js';
import type { ChangeInput } from './billing-validation.js';
import type { MembershipChangeReason } from './changes.js';
import { MEMBERSHIP_ERRORS } from './errors.js';
import type { Lifecycle } from './lifecycle.js';
import type { CardInput } from './payments/provider.js';
import { type SubscriptionRow, subscriptions } from './schema.js';
import { type BillingDeps, changeKind, currentPrice, lockSubscription, viewOne } from './subscriptions.js';
import { checkChange } from './upgrade.js';
import type { SubscriptionView } from './views.js';

const ended = () => MEMBERSHIP_ERRORS.membershipSubscriptionEnded.error();
const complimentary = () => MEMBERSHIP_ERRORS.membershipComplimentary.error();

/** What a member changes on their own live, purchased subscription: renewal, plan at period end, card. */
export function createMemberActions(deps: BillingDeps & { lifecycle: Pick<Lifecycle, 'retryNow'> }) {
  const { db, clock, provider, notifier, lifecycle } = deps;

  /** Locks the member's own live purchased subscription and applies `patch` (none: answers it unchanged). */
  function change(
    accountId: string,
    id: string,
    decide: (sub: SubscriptionRow, tx: Queryable) => Promise<Partial<SubscriptionRow> | undefined>,
    reason?: MembershipChangeReason,
  ): Promise<SubscriptionView> {
    return db.transaction(async (tx) => {
      const sub = await lockSubscription(tx, id, accountId);
      if (sub.status === 'ended') throw ended();
      if (sub.source !== 'purchase') throw complimentary();
      const patch = await decide(sub, tx);
      if (!patch) return viewOne(tx, sub);
      const [updated] = await tx
        .update(subscriptions)
        .set({ ...patch, updatedAt: clock.now() })
        .where(eq(subscriptions.id, id))
        .returning();
      if (reason) await notifier.changed(tx, accountId, reason);
      return viewOne(tx, updated!);
    });
  }

  return {
    /** Turns auto-renew off: the perks stay until the period ends, then it expires. Cancelling again is a no-op. */
    cancel(accountId: string, id: string) {
      return change(
        accountId,
        id,
        async (sub) => (sub.autoRenew ? { autoRenew: false, cancelledAt: clock.now() } : undefined),
        'cancelled',
      );
    },

    /** Turns auto-renew back on before the period ends. */
    resume(accountId: string, id: string) {
      return change(
        accountId,
        id,
        async (sub) => (sub.autoRenew ? undefined : { autoRenew: true, cancelledAt: null }),
        'resumed',
      );
    },

    /**
     * Schedules a lower tier or a shorter period for the period end (charged at its price then); the current
     * plan cancels a scheduled change. 400 `membership.not_a_downgrade` for an upgrade.
     */
    async downgrade(accountId: string, id: string, input: ChangeInput): Promise<SubscriptionView> {
      return db.transaction(async (tx) => {
        const { sub, from, tier } = await checkChange(tx, accountId, id, input);
        const kind = changeKind({ tier: from, period: sub.period }, { tier, period: input.period });
        if (kind === 'upgrade') {
          throw new AppError(
            400,
            'membership.not_a_downgrade',
            'That is an upgrade: it happens at once, with a credit.',
            [{ path: 'tierId', message: 'is higher than the current plan' }],
          );
        }
        if (kind === 'downgrade') await currentPrice(tx, tier, input.period, sub.currency!, clock.now());
        const next =
          kind === 'same'
            ? { nextTierId: null, nextPeriod: null }
            : { nextTierId: tier.id, nextPeriod: input.period };
        const [updated] = await tx
          .update(subscriptions)
          .set({ ...next, updatedAt: clock.now() })
          .where(eq(subscriptions.id, id))
          .returning();
        await notifier.changed(tx, accountId, 'downgrade_scheduled');
        return viewOne(tx, updated!);
      });
    },

    /** A new card for the renewals; while `past_due`, the renewal is retried with it at once. */
    async changePaymentMethod(accountId: string, id: string, card: CardInput): Promise<SubscriptionView> {
      // Check the subscription before the provider makes a payment method for it.
      await change(accountId, id, async () => undefined);
      const method = await provider.createPaymentMethod(card);
      return change(accountId, id, async (sub, tx) => {
        const patch = {
          provider: provider.id,
          paymentMethod: method.id,
          cardBrand: method.brand,
          cardLast4: method.last4,
        };
        if (sub.status === 'past_due') await lifecycle.retryNow(tx, { ...sub, ...patch });
        return patch;
      });
    },
  };
}

export type MemberActions = ReturnType<typeof createMemberActions>;
