import {
  ACCOUNT_DELETED_EVENT,
  type AccountDeletedEventPayload,
  type AccountDeletionView,
} from '@orbit/contracts';
import { type JobHandler, type JobQueue, jobs } from '@orbit/jobs';
import { and, asc, desc, eq, exists, inArray, isNotNull, isNull, not, notExists, or, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import type { Tokens } from '../oidc/index.js';
import { pushServiceEvent, services } from '../services/index.js';
import { ACCOUNT_LIFECYCLE_ERRORS } from './errors.js';
import { type AccountDeletionRow, accountDeletionAcks, accountDeletions } from './schema.js';

export const ACCOUNT_DELETION_QUEUE = 'account.deletion-events';
/** Pending deletions the admin view lists at most; finished ones after them, the latest first. */
const MAX_PENDING_LISTED = 500;
const MAX_DONE_LISTED = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AccountDeletionDelivery {
  deletionId: string;
  serviceId: string;
}

/** What the deleting transaction records (lifecycle.ts `removeAccount`). */
export interface DeletedAccount {
  accountId: string;
  accountNumber: number;
  by: AccountDeletionRow['by'];
}

/** A delivery failure as the admin view shows it: the message and, for a network error, its cause. */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 500);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`.slice(0, 500);
}

/**
 * Telling every service that an account was deleted for good (issue 19, point 5; docs/data-rights.md). In the
 * transaction that deletes the account, the deletion is recorded (it outlives the account) with one
 * acknowledgement row per registered service, and one durable job per service is queued; each job signs an
 * `account.deleted` Security Event Token for that service and pushes it (the delivery step membership and social
 * events use). A 2xx answer is the service's acknowledgement; every attempt counts, with its error. The queue
 * retries with backoff; `requeue` (hourly) queues again whatever is still unacknowledged once those run out,
 * so the hub never gives up.
 */
export function createDeletionNotices(deps: {
  db: IdentityDb;
  clock: Clock;
  queue: JobQueue;
  tokens: Pick<Tokens, 'securityEventToken'>;
  fetch?: typeof fetch | undefined;
}) {
  const { db, clock, queue } = deps;
  /** The deletion (of the outer query) waits for some service's acknowledgement. */
  const unacknowledged = exists(
    db
      .select({ one: sql`1` })
      .from(accountDeletionAcks)
      .where(
        and(
          eq(accountDeletionAcks.deletionId, accountDeletions.id),
          isNull(accountDeletionAcks.acknowledgedAt),
        ),
      ),
  );

  /** Queues a delivery for each unacknowledged service of deleted accounts that has none waiting or running. */
  async function requeue(deletionId?: string): Promise<number> {
    const waiting = notExists(
      db
        .select({ one: sql`1` })
        .from(jobs)
        .where(
          and(
            eq(jobs.queue, ACCOUNT_DELETION_QUEUE),
            inArray(jobs.state, ['pending', 'running']),
            sql`${jobs.payload}->>'deletionId' = ${accountDeletionAcks.deletionId}::text`,
            sql`${jobs.payload}->>'serviceId' = ${accountDeletionAcks.serviceId}`,
          ),
        ),
    );
    const missing = await db
      .select({ deletionId: accountDeletionAcks.deletionId, serviceId: accountDeletionAcks.serviceId })
      .from(accountDeletionAcks)
      .innerJoin(accountDeletions, eq(accountDeletions.id, accountDeletionAcks.deletionId))
      .where(
        and(
          isNull(accountDeletionAcks.acknowledgedAt),
          isNotNull(accountDeletions.deletedAt),
          deletionId ? eq(accountDeletionAcks.deletionId, deletionId) : undefined,
          waiting,
        ),
      );
    for (const delivery of missing) {
      await queue.enqueue<AccountDeletionDelivery>(ACCOUNT_DELETION_QUEUE, delivery);
    }
    return missing.length;
  }

  /** The deletions' views, with each service's acknowledgement, in the order given. */
  async function views(rows: AccountDeletionRow[]): Promise<AccountDeletionView[]> {
    if (rows.length === 0) return [];
    const acks = await db
      .select({ ack: accountDeletionAcks, serviceName: services.name })
      .from(accountDeletionAcks)
      .leftJoin(services, eq(services.id, accountDeletionAcks.serviceId))
      .where(
        inArray(
          accountDeletionAcks.deletionId,
          rows.map((row) => row.id),
        ),
      )
      .orderBy(asc(accountDeletionAcks.serviceId));
    return rows.map((row) => {
      const own = acks.filter(({ ack }) => ack.deletionId === row.id);
      const state = !row.deletedAt
        ? 'scheduled'
        : own.some(({ ack }) => !ack.acknowledgedAt)
          ? 'notifying'
          : 'done';
      return {
        id: row.id,
        accountId: row.accountId,
        accountNumber: String(row.accountNumber),
        by: row.by,
        state,
        requestedAt: row.requestedAt.toISOString(),
        scheduledFor: row.scheduledFor.toISOString(),
        deletedAt: row.deletedAt?.toISOString() ?? null,
        services: own.map(({ ack, serviceName }) => ({
          serviceId: ack.serviceId,
          serviceName,
          acknowledgedAt: ack.acknowledgedAt?.toISOString() ?? null,
          attempts: ack.attempts,
          lastAttemptAt: ack.lastAttemptAt?.toISOString() ?? null,
          lastError: ack.lastError,
        })),
      };
    });
  }

  async function find(deletionId: string): Promise<AccountDeletionRow> {
    const [row] = UUID.test(deletionId)
      ? await db.select().from(accountDeletions).where(eq(accountDeletions.id, deletionId))
      : [];
    if (!row) throw ACCOUNT_LIFECYCLE_ERRORS.accountDeletionNotFound.error();
    return row;
  }

  /** Delivers one `account.deleted`; records the attempt, and the acknowledgement on a 2xx answer. */
  const deliver: JobHandler<AccountDeletionDelivery> = async (job, { signal }) => {
    const { deletionId, serviceId } = job.payload;
    const key = and(
      eq(accountDeletionAcks.deletionId, deletionId),
      eq(accountDeletionAcks.serviceId, serviceId),
    );
    const [target] = await db
      .select({
        accountId: accountDeletions.accountId,
        deletedAt: accountDeletions.deletedAt,
        acknowledgedAt: accountDeletionAcks.acknowledgedAt,
      })
      .from(accountDeletionAcks)
      .innerJoin(accountDeletions, eq(accountDeletions.id, accountDeletionAcks.deletionId))
      .where(key);
    // Acknowledged already (a retry raced the delivery that succeeded), or nothing to tell.
    if (!target?.deletedAt || target.acknowledgedAt) return;
    const payload: AccountDeletedEventPayload = { deletedAt: target.deletedAt.toISOString() };
    const attemptedAt = clock.now();
    try {
      await pushServiceEvent(
        { db, fetch: deps.fetch },
        serviceId,
        () =>
          deps.tokens.securityEventToken({
            clientId: serviceId,
            subject: target.accountId,
            event: ACCOUNT_DELETED_EVENT,
            payload,
          }),
        { signal },
      );
    } catch (error) {
      await db
        .update(accountDeletionAcks)
        .set({
          attempts: sql`${accountDeletionAcks.attempts} + 1`,
          lastAttemptAt: attemptedAt,
          lastError: describeFailure(error),
        })
        .where(key);
      throw error;
    }
    await db
      .update(accountDeletionAcks)
      .set({
        attempts: sql`${accountDeletionAcks.attempts} + 1`,
        lastAttemptAt: attemptedAt,
        acknowledgedAt: clock.now(),
        lastError: null,
      })
      .where(key);
  };

  return {
    deliver,

    /**
     * In the transaction that deletes the account: marks its scheduled deletion done (or records an admin's),
     * and adds an acknowledgement and a queued delivery for every registered service. Answers the deletion's id.
     */
    async recordDeleted(tx: Queryable, account: DeletedAccount): Promise<string> {
      const now = clock.now();
      const [scheduled] = await tx
        .update(accountDeletions)
        .set({ deletedAt: now, by: account.by })
        .where(and(eq(accountDeletions.accountId, account.accountId), isNull(accountDeletions.deletedAt)))
        .returning({ id: accountDeletions.id });
      const id =
        scheduled?.id ??
        (
          await tx
            .insert(accountDeletions)
            .values({ ...account, requestedAt: now, scheduledFor: now, deletedAt: now })
            .returning({ id: accountDeletions.id })
        )[0]!.id;
      const targets = await tx.select({ id: services.id }).from(services).orderBy(asc(services.id));
      if (targets.length === 0) return id;
      await tx
        .insert(accountDeletionAcks)
        .values(targets.map((target) => ({ deletionId: id, serviceId: target.id })));
      for (const target of targets) {
        await queue.enqueue<AccountDeletionDelivery>(
          ACCOUNT_DELETION_QUEUE,
          { deletionId: id, serviceId: target.id },
          { tx },
        );
      }
      return id;
    },

    requeue,

    /**
     * An admin's "retry now": every unacknowledged service of a deleted account is sent the event again at once
     * (a delivery waiting for its backoff is brought forward, a missing one queued). 404 for an unknown
     * deletion, 409 when it has nothing left to send (not deleted yet, or acknowledged by every service).
     */
    async retryNow(deletionId: string): Promise<AccountDeletionView> {
      const deletion = await find(deletionId);
      const [pending] = deletion.deletedAt
        ? await db
            .select({ one: sql`1` })
            .from(accountDeletionAcks)
            .where(
              and(
                eq(accountDeletionAcks.deletionId, deletion.id),
                isNull(accountDeletionAcks.acknowledgedAt),
              ),
            )
            .limit(1)
        : [];
      if (!pending) throw ACCOUNT_LIFECYCLE_ERRORS.accountDeletionNothingToRetry.error();
      const now = clock.now();
      await db
        .update(jobs)
        .set({ runAt: now, updatedAt: now })
        .where(
          and(
            eq(jobs.queue, ACCOUNT_DELETION_QUEUE),
            eq(jobs.state, 'pending'),
            sql`${jobs.payload}->>'deletionId' = ${deletion.id}`,
          ),
        );
      await requeue(deletion.id);
      const [view] = await views([deletion]);
      return view!;
    },

    /** The admin view: pending deletions first (scheduled, soonest first; then deleted but not acknowledged), then the latest done. */
    async list(): Promise<AccountDeletionView[]> {
      const pendingWhere = or(isNull(accountDeletions.deletedAt), unacknowledged);
      const pending = await db
        .select()
        .from(accountDeletions)
        .where(pendingWhere)
        .orderBy(
          sql`${accountDeletions.deletedAt} is not null`,
          asc(accountDeletions.scheduledFor),
          asc(accountDeletions.deletedAt),
        )
        .limit(MAX_PENDING_LISTED);
      const done = await db
        .select()
        .from(accountDeletions)
        .where(and(isNotNull(accountDeletions.deletedAt), not(unacknowledged)))
        .orderBy(desc(accountDeletions.deletedAt))
        .limit(MAX_DONE_LISTED);
      return views([...pending, ...done]);
    },

    /** Delivers everything due now (tests, and catch-up). */
    deliverDue: (): Promise<number> => queue.runDue(ACCOUNT_DELETION_QUEUE, deliver),
  };
}

export type DeletionNotices = ReturnType<typeof createDeletionNotices>;
