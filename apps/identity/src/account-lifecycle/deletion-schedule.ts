import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import { refuseLastAdmin as refuseRemovingLastAdmin } from '../admin/index.js';
import type { Clock } from '../clock.js';
import { accounts } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import type { RequestOrigin } from '../kernel/guards.js';
import type { SecurityLog } from '../security/index.js';
import type { Sessions } from '../sessions/index.js';
import type { MembershipDeletion } from './lifecycle-memberships.js';
import { accountDeletions } from './schema.js';

/** Scheduled deletions one sweep carries out at most; the rest wait for the next run. */
const SWEEP_BATCH = 100;

/** 409 `role.last_admin` when the account is the only admin. Locks the admins inside a transaction. */
export async function refuseLastAdmin(q: Queryable, accountId: string): Promise<void> {
  try {
    await refuseRemovingLastAdmin(q, accountId);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'role.last_admin') throw error;
    throw new AppError(
      409,
      'role.last_admin',
      'You are the only admin. Make someone else an admin before deleting your account.',
    );
  }
}

/** A deletion the grace period is over for: lifecycle.ts `deleteDue` carries it out. */
export interface DueDeletion {
  id: string;
  accountId: string;
}

/**
 * The grace period of an owner's deletion (docs/data-rights.md, "Deletion"): asking for it ends every session
 * (services get back-channel logouts), turns renewals off and records when the account goes; signing in before
 * then cancels it (the sign-in path calls `cancelOnSignIn` in the transaction that starts the session).
 */
export function createDeletionSchedule(deps: {
  db: IdentityDb;
  clock: Clock;
  graceMs: number;
  memberships: Pick<MembershipDeletion, 'refuseWhilePaying' | 'pauseRenewals' | 'resumeRenewals'>;
  sessions: Pick<Sessions, 'revokeAll' | 'ended'>;
  securityLog: Pick<SecurityLog, 'record'>;
}) {
  const { db, clock } = deps;

  return {
    /**
     * Schedules the account's deletion `graceMs` from now, refused for the last admin and while a payment is
     * under way. In one transaction holding the account row (so a sign-in waits for it, then cancels it): the
     * deletion is recorded with the renewals it paused, every session ends, and `account.deletion_scheduled`
     * goes to the security log, which mails the owner how to cancel. A second request keeps the first date.
     */
    async schedule(accountId: string, origin: RequestOrigin): Promise<{ scheduledFor: Date }> {
      const scheduledFor = await db.transaction(async (tx) => {
        const [account] = await tx
          .select({ accountNumber: accounts.accountNumber })
          .from(accounts)
          .where(eq(accounts.id, accountId))
          .for('update');
        if (!account) throw new AppError(404, 'account.not_found', 'No such account.');
        await refuseLastAdmin(tx, accountId);
        await deps.memberships.refuseWhilePaying(tx, accountId);
        const [waiting] = await tx
          .select({ scheduledFor: accountDeletions.scheduledFor })
          .from(accountDeletions)
          .where(and(eq(accountDeletions.accountId, accountId), isNull(accountDeletions.deletedAt)));
        if (waiting) return waiting.scheduledFor;
        const now = clock.now();
        const at = new Date(now.getTime() + deps.graceMs);
        await tx.insert(accountDeletions).values({
          accountId,
          accountNumber: account.accountNumber,
          by: 'self',
          requestedAt: now,
          scheduledFor: at,
          pausedRenewals: await deps.memberships.pauseRenewals(tx, accountId),
        });
        await deps.sessions.revokeAll(accountId, tx);
        await deps.securityLog.record(
          {
            ...origin,
            accountId,
            type: 'account.deletion_scheduled',
            details: { scheduledFor: at.toISOString() },
          },
          tx,
        );
        return at;
      });
      // Back-channel logout for the sessions that ended (and the periodic sweep, should this fail).
      await deps.sessions.ended();
      return { scheduledFor };
    },

    /**
     * A sign-in, inside the transaction that starts its session: cancels the account's scheduled deletion if
     * there is one — the renewals it paused resume, `account.deletion_cancelled` is logged — and says whether it did.
     */
    async cancelOnSignIn(tx: Queryable, accountId: string, origin: RequestOrigin): Promise<boolean> {
      const [cancelled] = await tx
        .delete(accountDeletions)
        .where(and(eq(accountDeletions.accountId, accountId), isNull(accountDeletions.deletedAt)))
        .returning({ pausedRenewals: accountDeletions.pausedRenewals });
      if (!cancelled) return false;
      await deps.memberships.resumeRenewals(tx, accountId, cancelled.pausedRenewals);
      await deps.securityLog.record({ ...origin, accountId, type: 'account.deletion_cancelled' }, tx);
      return true;
    },

    /** Deletions whose grace period is over, the longest overdue first. */
    due(): Promise<DueDeletion[]> {
      return db
        .select({ id: accountDeletions.id, accountId: accountDeletions.accountId })
        .from(accountDeletions)
        .where(and(isNull(accountDeletions.deletedAt), lte(accountDeletions.scheduledFor, clock.now())))
        .orderBy(asc(accountDeletions.scheduledFor))
        .limit(SWEEP_BATCH);
    },
  };
}

export type DeletionSchedule = ReturnType<typeof createDeletionSchedule>;
