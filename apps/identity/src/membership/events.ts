import { rowsOf } from '@orbit/db';
import { type JobHandler, type JobQueue, jobs } from '@orbit/jobs';
import { and, arrayOverlaps, eq, isNull, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import type { Tokens } from '../oidc/index.js';
import { clients } from '../oidc/index.js';
import { pushServiceEvent, services } from '../services/index.js';
import type { MembershipChangeNotifier, MembershipChangeReason } from './changes.js';

export const MEMBERSHIP_EVENTS_QUEUE = 'membership.events';
/** Services that read membership (and so may cache it) get events; others have nothing to refresh. */
const READS_MEMBERSHIP = ['entitlements:read', 'membership'];

export interface MembershipEventDelivery {
  serviceId: string;
  accountId: string;
  reason: MembershipChangeReason;
}

/**
 * Membership-change events (docs/membership.md, "Events"): told of every change inside the transaction that
 * makes it, this queues one delivery per enabled service that reads membership, so the deliveries exist exactly
 * when the change commits; each delivery is a durable job that signs a Security Event Token (RFC 8417) and
 * pushes it to the service's `paths.events` (RFC 8935), retried with backoff.
 */
export function createMembershipEvents(deps: {
  db: IdentityDb;
  clock: Clock;
  queue: JobQueue;
  tokens: Pick<Tokens, 'membershipEventToken'>;
  fetch?: typeof fetch | undefined;
}) {
  const { db, queue } = deps;

  /**
   * Queues the deliveries for one change. Calls for one account in one transaction make one delivery per
   * service (the dedupe key names the transaction); a burst collapses into a delivery still waiting for its
   * first attempt with the same reason — locked here until this transaction ends, so no worker can send it
   * before this change is visible.
   */
  async function changed(tx: Queryable, accountId: string, reason: MembershipChangeReason): Promise<void> {
    const targets = await tx
      .select({ id: services.id })
      .from(services)
      .innerJoin(clients, eq(clients.id, services.id))
      .where(and(isNull(clients.disabledAt), arrayOverlaps(clients.scopes, READS_MEMBERSHIP)));
    if (targets.length === 0) return;
    const [current] = rowsOf<{ xid: string }>(
      await tx.execute(sql`select pg_current_xact_id()::text as xid`),
    );
    for (const { id: serviceId } of targets) {
      const waiting = await tx
        .select({ id: jobs.id })
        .from(jobs)
        .where(
          and(
            eq(jobs.queue, MEMBERSHIP_EVENTS_QUEUE),
            eq(jobs.state, 'pending'),
            eq(jobs.attempts, 0),
            sql`${jobs.payload}->>'serviceId' = ${serviceId}`,
            sql`${jobs.payload}->>'accountId' = ${accountId}`,
            sql`${jobs.payload}->>'reason' = ${reason}`,
          ),
        )
        .limit(1)
        .for('update', { skipLocked: true });
      if (waiting.length > 0) continue;
      const payload: MembershipEventDelivery = { serviceId, accountId, reason };
      await queue.enqueue(MEMBERSHIP_EVENTS_QUEUE, payload, {
        tx,
        dedupeKey: `${serviceId}:${accountId}:${current?.xid}`,
      });
    }
  }

  /** Delivers one event; throws (so the queue retries) unless the service answers 202, 200 or 204. */
  const deliver: JobHandler<MembershipEventDelivery> = async (job, { signal }) => {
    const { serviceId, accountId, reason } = job.payload;
    await pushServiceEvent(
      { db, fetch: deps.fetch },
      serviceId,
      () => deps.tokens.membershipEventToken({ clientId: serviceId, subject: accountId, reason }),
      { signal },
    );
  };

  const notifier: MembershipChangeNotifier = { changed };
  return {
    changed,
    notifier,
    deliver,
    /** Delivers everything due now (tests, and catch-up). */
    deliverDue: (): Promise<number> => queue.runDue(MEMBERSHIP_EVENTS_QUEUE, deliver),
  };
}

export type MembershipEvents = ReturnType<typeof createMembershipEvents>;
