import type { Within } from '../admin/index.js';
import { AppError } from '../http/errors.js';
import type { Queryable } from '../kernel/db.js';
import type { RequestOrigin } from '../kernel/guards.js';
import type { SecurityLog } from '../security/index.js';
import type { GrantInput } from './billing-validation.js';
import { MEMBERSHIP_ERRORS } from './errors.js';
import { subscriptions } from './schema.js';
import {
  type BillingDeps,
  endSubscription,
  findTier,
  laneOf,
  liveInLane,
  lockAccount,
  lockSubscription,
  schedulePeriodEnd,
  viewOne,
} from './subscriptions.js';
import type { SubscriptionView } from './views.js';

const YEAR_MS = 365.25 * 24 * 60 * 60 * 1000;
/** The longest complimentary membership an admin may grant at once. */
const MAX_GRANT_MS = 10 * YEAR_MS;

const badUntil = (message: string) =>
  new AppError(400, 'request.invalid', 'The request is not valid.', [{ path: 'until', message }]);

/** Admins grant and revoke memberships, with a reason, recorded in the member's security log. */
export function createComplimentary(deps: BillingDeps & { securityLog: Pick<SecurityLog, 'record'> }) {
  const { db, clock, queue, notifier, securityLog } = deps;

  const log = (
    tx: Queryable,
    type: 'membership.granted' | 'membership.revoked',
    accountId: string,
    origin: RequestOrigin,
    details: Record<string, unknown>,
  ) => securityLog.record({ accountId, type, ...origin, details }, tx);

  return {
    /**
     * A complimentary membership in a tier until `until` (in the future, at most ten years on): no charge, no
     * renewal. One live per lane and account: 409 `membership.already_granted`.
     */
    async grant(
      adminId: string,
      accountId: string,
      input: GrantInput,
      origin: RequestOrigin,
      within?: Within<SubscriptionView & { accountId: string }>,
    ): Promise<SubscriptionView> {
      const now = clock.now();
      const until = new Date(input.until);
      if (until.getTime() <= now.getTime()) throw badUntil('must be in the future');
      if (until.getTime() - now.getTime() > MAX_GRANT_MS) throw badUntil('must be within ten years');
      return db.transaction(async (tx) => {
        if (!(await lockAccount(tx, accountId)))
          throw new AppError(404, 'account.not_found', 'No such account.');
        const tier = await findTier(tx, input.tierId);
        if (!tier) {
          throw new AppError(400, 'membership.unknown_tier', `No tier ${input.tierId}.`, [
            { path: 'tierId', message: 'no such tier' },
          ]);
        }
        if (tier.retiredAt) {
          throw new AppError(400, 'membership.tier_retired', `Tier ${tier.id} is retired.`, [
            { path: 'tierId', message: 'is retired' },
          ]);
        }
        const lane = laneOf(tier);
        const held = await liveInLane(tx, accountId, lane, 'complimentary');
        if (held) {
          throw new AppError(
            409,
            'membership.already_granted',
            'The account already holds a complimentary membership in this lane; revoke it first.',
            { subscriptionId: held.id },
          );
        }
        const [sub] = await tx
          .insert(subscriptions)
          .values({
            accountId,
            tierId: tier.id,
            lane,
            source: 'complimentary',
            status: 'active',
            autoRenew: false,
            currentPeriodStart: now,
            currentPeriodEnd: until,
            grantedBy: adminId,
            grantReason: input.reason,
            startedAt: now,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        await schedulePeriodEnd(queue, tx, sub!);
        await notifier.changed(tx, accountId, 'granted');
        await log(tx, 'membership.granted', accountId, origin, {
          subscriptionId: sub!.id,
          tierId: tier.id,
          until: until.toISOString(),
          reason: input.reason,
          by: adminId,
        });
        const granted = await viewOne(tx, sub!);
        await within?.(tx, { ...granted, accountId });
        return granted;
      });
    },

    /** Ends any live subscription at once (no refund), with the reason. 409 when it has ended already. */
    async revoke(
      adminId: string,
      subscriptionId: string,
      reason: string,
      origin: RequestOrigin,
      within?: Within<SubscriptionView & { accountId: string }>,
    ): Promise<SubscriptionView> {
      return db.transaction(async (tx) => {
        const sub = await lockSubscription(tx, subscriptionId);
        if (sub.status === 'ended') {
          throw MEMBERSHIP_ERRORS.membershipSubscriptionEnded.error();
        }
        const now = clock.now();
        const ended = await endSubscription(tx, sub.id, 'revoked', now, now, { note: reason });
        await notifier.changed(tx, sub.accountId, 'revoked');
        await log(tx, 'membership.revoked', sub.accountId, origin, {
          subscriptionId: sub.id,
          tierId: sub.tierId,
          source: sub.source,
          reason,
          by: adminId,
        });
        const revoked = await viewOne(tx, ended);
        await within?.(tx, { ...revoked, accountId: sub.accountId });
        return revoked;
      });
    },
  };
}

export type Complimentary = ReturnType<typeof createComplimentary>;
