import { and, eq, exists, isNull } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import { accounts, sessions, signInThrottles } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import { hasPasskey } from '../passkeys/index.js';
import type { DeviceEntry, SignInAttempt } from '../sign-in/index.js';
import type { DeletedAccount, DeletionNotices } from './deletion-notices.js';
import { type DeletionSchedule, refuseLastAdmin } from './deletion-schedule.js';
import type { DeletionCheck, EndedMembership, MembershipDeletion } from './lifecycle-memberships.js';
import { accountDeletions } from './schema.js';

export interface AccountDeletion {
  confirm: string;
  /** Required when the account has no passkey (then the step-up rule has nothing to ask for). */
  password?: string | undefined;
  ip: string | null;
  userAgent: string;
  /** The browser's device-cookie entries: its own attempts aren't blocked by failures from elsewhere. */
  devices?: readonly DeviceEntry[];
}

/** What a deletion did besides removing the account (for the caller's audit entry). */
export interface AccountRemoval {
  accountId: string;
  accountNumber: number;
  handle: string;
  /** The live memberships it ended (unrefunded: docs/account-center.md). */
  endedMemberships: EndedMembership[];
}

export interface AccountRemovalOptions {
  /** Who asked: the owner (a scheduled deletion whose grace period is over) or staff. */
  by: DeletedAccount['by'];
  /**
   * Runs inside the transaction that deletes the account, after its memberships ended: an admin deletion writes
   * its audit entry here, so the entry exists exactly when the account is gone.
   */
  within?: (tx: Queryable, removal: AccountRemoval) => Promise<void>;
}

/** Deletion loops at most this often when sessions keep starting while it runs. */
const MAX_DELETE_ATTEMPTS = 3;

/**
 * An account's end of life: deleting it. Deletion ends its sessions first, so every
 * service that signed in through them gets a back-channel logout, and only then removes the account and
 * everything it owns (every table referencing accounts cascades).
 */
export function createAccountLifecycle(deps: {
  db: IdentityDb;
  /** The owner's deletion waits out a grace period (deletion-schedule.ts). */
  deletionSchedule: Pick<DeletionSchedule, 'schedule' | 'due'>;
  /** Records the deletion and tells every service, in the deleting transaction (deletion-notices.ts). */
  notices: Pick<DeletionNotices, 'recordDeleted'>;
  clock: Clock;
  /** Queues back-channel logouts for ended sessions; called directly so a failure stops the deletion. */
  backchannel: { sweep(): Promise<number> };
  /** The throttled password check (`createPasswordSignIn`): throws on a wrong password. */
  signInWithPassword: (attempt: SignInAttempt) => Promise<unknown>;
  /** Ends the account's memberships inside the deletion (and says beforehand what that would end). */
  memberships: MembershipDeletion;
}) {
  const { db, clock } = deps;

  /**
   * Ends every session of the account and queues the back-channel logouts, then deletes the account in a
   * transaction that first locks its row: a session can't start for it meanwhile (the insert's foreign-key check
   * waits on that lock), and one that started before the lock sends the deletion round again, so no session
   * disappears with the account without its services being told. The deletion is recorded, and every service
   * told, in that transaction. With `scheduled`, only while that deletion still waits (a sign-in cancels it):
   * otherwise nothing happens and the answer is undefined.
   */
  async function endSessionsAndDelete(
    accountId: string,
    options: AccountRemovalOptions,
    scheduled?: string,
  ): Promise<AccountRemoval | undefined> {
    const stillScheduled = scheduled
      ? exists(
          db
            .select({ id: accountDeletions.id })
            .from(accountDeletions)
            .where(and(eq(accountDeletions.id, scheduled), isNull(accountDeletions.deletedAt))),
        )
      : undefined;
    for (let attempt = 1; ; attempt++) {
      // One statement: a sign-in that cancelled the deletion keeps its session.
      await db
        .update(sessions)
        .set({ revokedAt: clock.now() })
        .where(and(eq(sessions.accountId, accountId), isNull(sessions.revokedAt), stillScheduled));
      // The jobs carry client, session and subject, so they deliver after the account row is gone; but they
      // can only be made while the sessions still exist, and those cascade away with the account.
      await deps.backchannel.sweep();
      const deleted = await db.transaction(async (tx) => {
        await refuseLastAdmin(tx, accountId);
        const [account] = await tx
          .select({ accountNumber: accounts.accountNumber, handle: accounts.handle })
          .from(accounts)
          .where(eq(accounts.id, accountId))
          .for('update');
        if (scheduled) {
          const [waiting] = await tx
            .select({ id: accountDeletions.id })
            .from(accountDeletions)
            .where(and(eq(accountDeletions.id, scheduled), isNull(accountDeletions.deletedAt)));
          if (!waiting) return 'cancelled' as const;
        }
        const unnotified = await tx
          .select({ id: sessions.id })
          .from(sessions)
          .where(and(eq(sessions.accountId, accountId), isNull(sessions.logoutNotifiedAt)))
          .limit(1);
        if (unnotified.length > 0) return undefined;
        if (!account) throw new AppError(404, 'account.not_found', 'No such account.');
        // Memberships end in this transaction: their services are told, and no renewal is charged afterwards.
        const removal: AccountRemoval = {
          accountId,
          accountNumber: account.accountNumber,
          handle: account.handle,
          endedMemberships: await deps.memberships.endAll(tx, accountId),
        };
        await options.within?.(tx, removal);
        await deps.notices.recordDeleted(tx, {
          accountId,
          accountNumber: account.accountNumber,
          by: options.by,
        });
        await tx.delete(signInThrottles).where(eq(signInThrottles.key, `account:${accountId}`));
        await tx.delete(accounts).where(eq(accounts.id, accountId));
        return removal;
      });
      if (deleted === 'cancelled') return undefined;
      if (deleted) return deleted;
      if (attempt >= MAX_DELETE_ATTEMPTS) {
        throw new AppError(503, 'account.busy', 'New sign-ins keep arriving for this account; try again.');
      }
    }
  }

  /**
   * Deletes an account at once, whoever asked: refused for the last admin and while a payment for it is under
   * way (both before anything irreversible happens, and again under lock); otherwise its sessions end (with
   * back-channel logout), its memberships end unrefunded, the account goes with everything it owns, and every
   * service is told (`account.deleted`).
   */
  async function removeAccount(accountId: string, options: AccountRemovalOptions): Promise<AccountRemoval> {
    await refuseLastAdmin(db, accountId);
    await deps.memberships.refuseWhilePaying(db, accountId);
    return (await endSessionsAndDelete(accountId, options))!;
  }

  return {
    removeAccount,

    /** What deleting the account would end: its paid and granted memberships, for the warning before it. */
    deletionCheck(accountId: string): Promise<DeletionCheck> {
      return deps.memberships.check(db, accountId);
    },

    /**
     * Carries out the deletions whose grace period is over (the module's timer), each as `removeAccount` does
     * unless a sign-in cancelled it meanwhile. One that is refused (it became the last admin, a payment is under
     * way) waits for the next run; the errors are thrown together once the others are done.
     */
    async deleteDue(options: Omit<AccountRemovalOptions, 'by'> = {}): Promise<number> {
      const failures: unknown[] = [];
      let deleted = 0;
      for (const deletion of await deps.deletionSchedule.due()) {
        try {
          await refuseLastAdmin(db, deletion.accountId);
          await deps.memberships.refuseWhilePaying(db, deletion.accountId);
          const removal = await endSessionsAndDelete(
            deletion.accountId,
            { ...options, by: 'self' },
            deletion.id,
          );
          if (removal) deleted++;
        } catch (error) {
          failures.push(new Error(`The deletion of ${deletion.accountId} failed`, { cause: error }));
        }
      }
      if (failures.length > 0) throw new AggregateError(failures, 'Some scheduled deletions failed.');
      return deleted;
    },

    /**
     * Schedules the account's deletion (deletion-schedule.ts). `confirm` must be its account number; without a
     * passkey the password must be right (checked through the throttled sign-in path, so it can't be
     * brute-forced here); the last admin stays, and a payment under way holds it back.
     */
    async deleteAccount(
      account: { id: string; accountNumber: number },
      request: AccountDeletion,
    ): Promise<{ scheduledFor: Date }> {
      const accountNumber = String(account.accountNumber);
      if (request.confirm.trim() !== accountNumber) {
        throw new AppError(400, 'account.confirm_mismatch', 'Type your account number to confirm.', [
          { path: 'confirm', message: 'This is not your account number.' },
        ]);
      }
      if (!(await hasPasskey(db, account.id))) {
        if (!request.password) {
          throw new AppError(
            400,
            'account.password_required',
            'Enter your password to delete your account.',
            [{ path: 'password', message: 'Enter your password.' }],
          );
        }
        await deps.signInWithPassword({
          identifier: accountNumber,
          password: request.password,
          ip: request.ip,
          userAgent: request.userAgent,
          ...(request.devices ? { devices: request.devices } : {}),
        });
      }
      return deps.deletionSchedule.schedule(account.id, { ip: request.ip, userAgent: request.userAgent });
    },
  };
}

export type AccountLifecycle = ReturnType<typeof createAccountLifecycle>;
