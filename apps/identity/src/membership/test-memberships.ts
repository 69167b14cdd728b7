import { eq } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { IdentityDb } from '../kernel/db.js';
import { type SubscriptionStatus, subscriptions, tiers } from './schema.js';

const DAY_MS = 86_400_000;

/**
 * For tests: gives an account a complimentary membership in `tierId` by writing the row as the billing core
 * does (lane from the tier), in `status`; `ended` rows end now as `expired`. Answers the subscription id.
 */
export async function grantForTest(
  { db, clock }: { db: IdentityDb; clock: Clock },
  accountId: string,
  tierId: string,
  status: SubscriptionStatus = 'active',
): Promise<string> {
  const [tier] = await db.select().from(tiers).where(eq(tiers.id, tierId));
  if (!tier) throw new Error(`no tier ${tierId}`);
  const now = clock.now();
  const [row] = await db
    .insert(subscriptions)
    .values({
      accountId,
      tierId,
      lane: tier.serviceId ?? 'platform',
      source: 'complimentary',
      status,
      autoRenew: false,
      currentPeriodStart: now,
      currentPeriodEnd: new Date(now.getTime() + 30 * DAY_MS),
      grantReason: 'test',
      startedAt: now,
      endedAt: status === 'ended' ? now : null,
      endReason: status === 'ended' ? 'expired' : null,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: subscriptions.id });
  return row!.id;
}

/** For tests: ends a subscription now, as an admin's revoke does. */
export async function endForTest(
  { db, clock }: { db: IdentityDb; clock: Clock },
  subscriptionId: string,
): Promise<void> {
  const now = clock.now();
  await db
    .update(subscriptions)
    .set({ status: 'ended', endedAt: now, endReason: 'revoked', updatedAt: now })
    .where(eq(subscriptions.id, subscriptionId));
}
