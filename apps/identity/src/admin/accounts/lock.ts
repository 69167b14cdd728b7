import { ACCOUNT_REASON_MAX } from '@orbit/contracts';
import { and, asc, count, eq, isNull, ne } from 'drizzle-orm';
import { accountRoles } from '../../accounts/index.js';
import type { Clock } from '../../clock.js';
import { type AccountRow, accounts, signInThrottles } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { AuditActor } from '../../kernel/actor.js';
import type { IdentityDb, Queryable } from '../../kernel/db.js';
import type { Grants } from '../../oidc/index.js';
import type { SecurityLog } from '../../security/index.js';
import type { Sessions } from '../../sessions/index.js';
import type { AuditLog } from '../audit.js';
import { ADMIN_ERRORS } from '../errors.js';

export const accountNotFound = () => ADMIN_ERRORS.accountNotFound.error();

/** Reasons are shown to staff and to the owner (their security log): a sentence, not an essay. */
export { ACCOUNT_REASON_MAX as LOCK_REASON_MAX };

/** The target of an admin action on an account, as the audit log names it. */
export const auditTarget = (row: Pick<AccountRow, 'id' | 'handle'>) => ({
  type: 'account',
  id: row.id,
  label: `@${row.handle}`,
});

/** The account row, locked for the rest of the transaction; 404 when there is none. */
export async function accountForUpdate(q: Queryable, id: string): Promise<AccountRow> {
  const [row] = await q.select().from(accounts).where(eq(accounts.id, id)).for('update');
  if (!row) throw accountNotFound();
  return row;
}

/** The security log's record of a staff action on the target: where it came from, and who did it (`by`). */
export const staffEntry = (actor: AuditActor) => ({
  ip: actor.ip,
  userAgent: actor.userAgent,
  by: actor.label,
});

/**
 * 409 `role.last_admin` when locking the account would leave no admin who can sign in. Locks every admin's role
 * row first (the order `refuseLastAdmin` uses), so two admins locking each other at once are serialised and the
 * second sees the first one's lock.
 */
async function refuseLockingLastAdmin(q: Queryable, accountId: string): Promise<void> {
  const admins = await q
    .select({ accountId: accountRoles.accountId })
    .from(accountRoles)
    .where(eq(accountRoles.role, 'admin'))
    .orderBy(asc(accountRoles.accountId))
    .for('update');
  if (!admins.some((a) => a.accountId === accountId)) return;
  // A new statement, so it sees locks committed while this one waited for the rows above.
  const [others] = await q
    .select({ n: count() })
    .from(accountRoles)
    .innerJoin(accounts, eq(accounts.id, accountRoles.accountId))
    .where(
      and(eq(accountRoles.role, 'admin'), ne(accountRoles.accountId, accountId), isNull(accounts.lockedAt)),
    );
  if ((others?.n ?? 0) === 0) {
    throw new AppError(
      409,
      'role.last_admin',
      'This is the only admin who can sign in. Make someone else an admin before locking this account.',
    );
  }
}

export interface LockResult {
  account: AccountRow;
  /** Sessions ended by the lock (each reaches its services through back-channel logout). */
  sessionsEnded: number;
  /** Grants (refresh tokens) revoked by the lock. */
  grantsRevoked: number;
}

/**
 * Staff locking and unlocking accounts. A lock refuses every sign-in (password, passkey, recovery code, refresh
 * token, new authorization), and ends what the account already has — every session (with back-channel logout to
 * the services) and every grant — in the transaction that sets it, with its audit entry and the owner's
 * security-log entry. Unlocking lifts it, and the sign-in throttle's lockout of the account too.
 */
export function createAccountLock(deps: {
  db: IdentityDb;
  clock: Clock;
  sessions: Pick<Sessions, 'revokeAll' | 'ended'>;
  grants: Pick<Grants, 'revokeAllOfAccount'>;
  securityLog: Pick<SecurityLog, 'record'>;
  audit: Pick<AuditLog, 'record'>;
}) {
  const { db, clock, sessions, grants, securityLog, audit } = deps;

  return {
    /** Locks the account (409 `account.cannot_lock_self`, `account.already_locked`, `role.last_admin`). */
    async lock(actor: AuditActor, accountId: string, reason: string): Promise<LockResult> {
      if (actor.accountId === accountId) {
        throw ADMIN_ERRORS.accountCannotLockSelf.error();
      }
      const result = await db.transaction(async (tx) => {
        const target = await accountForUpdate(tx, accountId);
        if (target.lockedAt) {
          throw ADMIN_ERRORS.accountAlreadyLocked.error();
        }
        await refuseLockingLastAdmin(tx, accountId);
        const [account] = await tx
          .update(accounts)
          .set({ lockedAt: clock.now(), lockedReason: reason, lockedBy: actor.accountId })
          .where(eq(accounts.id, accountId))
          .returning();
        const sessionsEnded = await sessions.revokeAll(accountId, tx);
        const grantsRevoked = await grants.revokeAllOfAccount(accountId, 'account_locked', tx);
        const { by, ...origin } = staffEntry(actor);
        await securityLog.record(
          { ...origin, accountId, type: 'account.locked', details: { reason, by } },
          tx,
        );
        await audit.record(tx, actor, {
          action: 'account.locked',
          target: auditTarget(target),
          details: { reason, sessionsEnded, grantsRevoked },
        });
        return { account: account!, sessionsEnded, grantsRevoked };
      });
      // Back-channel logout for every session that ended, now that the lock is committed.
      await sessions.ended();
      return result;
    },

    /**
     * Lifts a staff lock and the sign-in throttle's lock of the account (too many wrong passwords). Either may be
     * what keeps its owner out, so unlocking an account that has neither is not an error: it is recorded too.
     */
    async unlock(
      actor: AuditActor,
      accountId: string,
      reason: string,
    ): Promise<{ account: AccountRow; wasLocked: boolean; throttleCleared: boolean }> {
      return db.transaction(async (tx) => {
        const target = await accountForUpdate(tx, accountId);
        const [account] = await tx
          .update(accounts)
          .set({ lockedAt: null, lockedReason: null, lockedBy: null })
          .where(eq(accounts.id, accountId))
          .returning();
        const cleared = await tx
          .delete(signInThrottles)
          .where(eq(signInThrottles.key, `account:${accountId}`))
          .returning({ key: signInThrottles.key });
        const wasLocked = target.lockedAt !== null;
        const throttleCleared = cleared.length > 0;
        const { by, ...origin } = staffEntry(actor);
        await securityLog.record(
          {
            ...origin,
            accountId,
            type: 'account.unlocked',
            details: { reason, by, wasLocked, throttleCleared },
          },
          tx,
        );
        await audit.record(tx, actor, {
          action: 'account.unlocked',
          target: auditTarget(target),
          details: { reason, wasLocked, throttleCleared, lockedReason: target.lockedReason },
        });
        return { account: account!, wasLocked, throttleCleared };
      });
    },
  };
}

export type AccountLock = ReturnType<typeof createAccountLock>;
