import { uniqueViolation } from '@orbit/db';
import { and, eq, ne } from 'drizzle-orm';
import type { AccountLifecycle, AccountRemoval } from '../../account-lifecycle/index.js';
import { normalizeHandle } from '../../accounts/index.js';
import type { Clock } from '../../clock.js';
import { type AccountRow, accounts, type Locale } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { AuditActor } from '../../kernel/actor.js';
import type { IdentityDb, Queryable } from '../../kernel/db.js';
import { isTimeZone } from '../../membership/index.js';
import type { Passkeys } from '../../passkeys/index.js';
import { recoveryCodes } from '../../passkeys/index.js';
import type { EmailVerification, PasswordReset } from '../../recovery/index.js';
import type { SecurityLog } from '../../security/index.js';
import type { Sessions } from '../../sessions/index.js';
import type { AuditLog } from '../audit.js';
import { accountForUpdate, accountNotFound, auditTarget, staffEntry } from './lock.js';

/** What staff may change of an account's profile; only the fields given change. */
export interface StaffProfilePatch {
  displayName?: string | undefined;
  handle?: string | undefined;
  /** null removes the address. */
  email?: string | null | undefined;
  bio?: string | undefined;
  locale?: Locale | undefined;
  timeZone?: string | undefined;
}

const handleTaken = () =>
  new AppError(409, 'account.handle_taken', 'This handle is taken.', [
    { path: 'handle', message: 'This handle is taken.' },
  ]);

const sameAddress = (a: string | null, b: string | null) =>
  a === b || (a !== null && b !== null && a.toLowerCase() === b.toLowerCase());

/**
 * Staff's writes on one account (besides the lock, admin/accounts/lock.ts): each is one transaction that takes the
 * account's row lock, does the change through the same domain code the owner's own action uses, writes the owner's
 * security log and the audit entry — so the entry exists exactly when the change does.
 */
export function createAccountManagement(deps: {
  db: IdentityDb;
  clock: Clock;
  sessions: Pick<Sessions, 'revokeAll' | 'ended'>;
  securityLog: Pick<SecurityLog, 'record'>;
  audit: Pick<AuditLog, 'record'>;
  passwordReset: Pick<PasswordReset, 'sendForStaff'>;
  emailVerification: Pick<EmailVerification, 'resend' | 'setForStaff'>;
  passkeys: Pick<Passkeys, 'remove'>;
  lifecycle: Pick<AccountLifecycle, 'removeAccount'>;
}) {
  const { db, clock, sessions, securityLog, audit } = deps;

  /** The owner's security-log entry for a staff action. */
  const logFor = (
    q: Queryable,
    actor: AuditActor,
    accountId: string,
    type: Parameters<SecurityLog['record']>[0]['type'],
    details: Record<string, unknown>,
  ) => {
    const { by, ...origin } = staffEntry(actor);
    return securityLog.record({ ...origin, accountId, type, details: { ...details, by } }, q);
  };

  const originOf = (actor: AuditActor) => ({ ip: actor.ip, userAgent: actor.userAgent });

  return {
    /** Ends every session of the account (each service is told through back-channel logout). */
    async revokeAllSessions(actor: AuditActor, accountId: string): Promise<{ sessionsEnded: number }> {
      const sessionsEnded = await db.transaction(async (tx) => {
        const target = await accountForUpdate(tx, accountId);
        const count = await sessions.revokeAll(accountId, tx);
        await logFor(tx, actor, accountId, 'sessions.revoked_by_staff', { count });
        await audit.record(tx, actor, {
          action: 'account.sessions_revoked',
          target: auditTarget(target),
          details: { count },
        });
        return count;
      });
      await sessions.ended();
      return { sessionsEnded };
    },

    /** Mails the owner's verified address the ordinary reset link (409 `account.no_verified_email`). */
    async sendPasswordReset(
      actor: AuditActor,
      accountId: string,
    ): Promise<{ email: string; expiresAt: Date }> {
      return db.transaction(async (tx) => {
        const target = await accountForUpdate(tx, accountId);
        const { expiresAt } = await deps.passwordReset.sendForStaff(target, originOf(actor), actor.label, tx);
        await audit.record(tx, actor, {
          action: 'account.password_reset_sent',
          target: auditTarget(target),
          details: { email: target.email, expiresAt: expiresAt.toISOString() },
        });
        return { email: target.email!, expiresAt };
      });
    },

    /** Sends the address waiting for verification a fresh link (409 `email.nothing_to_verify`, 429 past the hourly share). */
    async resendVerification(
      actor: AuditActor,
      accountId: string,
    ): Promise<{ address: string; expiresInHours: number }> {
      return db.transaction(async (tx) => {
        const target = await accountForUpdate(tx, accountId);
        const sent = await deps.emailVerification.resend(target, originOf(actor), tx);
        await audit.record(tx, actor, {
          action: 'account.verification_resent',
          target: auditTarget(target),
          details: { email: sent.address },
        });
        return sent;
      });
    },

    /** Removes one of the account's passkeys (404 `passkey.not_found`); the owner is mailed, as when they remove one. */
    async removePasskey(
      actor: AuditActor,
      accountId: string,
      passkeyId: string,
    ): Promise<{ protectionOff: boolean }> {
      return db.transaction(async (tx) => {
        const target = await accountForUpdate(tx, accountId);
        const { protectionOff, name } = await deps.passkeys.remove(
          accountId,
          passkeyId,
          { ...originOf(actor), details: { by: actor.label } },
          tx,
        );
        await audit.record(tx, actor, {
          action: 'account.passkey_removed',
          target: auditTarget(target),
          details: { passkeyId, name, protectionOff },
        });
        return { protectionOff };
      });
    },

    /**
     * Voids the account's recovery codes (409 `account.no_recovery_codes` when it has none). New ones are not made
     * here: staff must never see them; the owner makes new ones in the account center (its security log says so).
     */
    async resetRecoveryCodes(actor: AuditActor, accountId: string): Promise<{ removed: number }> {
      return db.transaction(async (tx) => {
        const target = await accountForUpdate(tx, accountId);
        const removed = await tx
          .delete(recoveryCodes)
          .where(eq(recoveryCodes.accountId, accountId))
          .returning({ id: recoveryCodes.id });
        if (removed.length === 0) {
          throw new AppError(409, 'account.no_recovery_codes', 'This account has no recovery codes.');
        }
        await logFor(tx, actor, accountId, 'recovery_codes.reset', { removed: removed.length });
        await audit.record(tx, actor, {
          action: 'account.recovery_codes_reset',
          target: auditTarget(target),
          details: { removed: removed.length },
        });
        return { removed: removed.length };
      });
    },

    /**
     * Edits the profile. A new email is the address at once but unverified, and is sent its verification link
     * (recovery/email-verification.ts `setForStaff`); a handle or address another account has is 409. Answers the
     * account, unchanged (and not audited) when nothing differs.
     */
    async updateProfile(actor: AuditActor, accountId: string, patch: StaffProfilePatch): Promise<AccountRow> {
      if (patch.timeZone !== undefined && !isTimeZone(patch.timeZone)) {
        throw new AppError(
          400,
          'account.invalid_time_zone',
          'This is not a time zone name (IANA, like Europe/Berlin).',
          [{ path: 'timeZone', message: 'Unknown time zone.' }],
        );
      }
      return db.transaction(async (tx) => {
        const target = await accountForUpdate(tx, accountId);
        const wanted: Partial<Record<keyof StaffProfilePatch, unknown>> = {
          ...patch,
          ...(patch.handle !== undefined ? { handle: normalizeHandle(patch.handle) } : {}),
        };
        const changes: Record<string, { from: unknown; to: unknown }> = {};
        for (const field of ['displayName', 'handle', 'bio', 'locale', 'timeZone'] as const) {
          const to = wanted[field];
          if (to !== undefined && to !== target[field]) changes[field] = { from: target[field], to };
        }
        const emailChanges = patch.email !== undefined && !sameAddress(patch.email, target.email);
        if (Object.keys(changes).length === 0 && !emailChanges) return target;

        if (changes.handle) {
          const [other] = await tx
            .select({ id: accounts.id })
            .from(accounts)
            .where(and(eq(accounts.handle, String(changes.handle.to)), ne(accounts.id, accountId)));
          if (other) throw handleTaken();
        }
        let row = target;
        const fields = Object.keys(changes);
        if (fields.length > 0) {
          const set = Object.fromEntries(fields.map((field) => [field, changes[field]!.to]));
          try {
            [row = target] = await tx
              .update(accounts)
              .set({ ...set, updatedAt: clock.now() })
              .where(eq(accounts.id, accountId))
              .returning();
          } catch (error) {
            // Two renames to one handle at once: the unique index lets one of them have it.
            if (uniqueViolation(error) !== undefined) throw handleTaken();
            throw error;
          }
          await logFor(tx, actor, accountId, 'profile.updated_by_staff', { fields });
        }
        if (emailChanges) {
          row = await deps.emailVerification.setForStaff(
            row,
            patch.email ?? null,
            originOf(actor),
            actor.label,
            tx,
          );
          changes.email = { from: target.email, to: patch.email ?? null };
        }
        await audit.record(tx, actor, {
          action: 'account.updated',
          target: auditTarget(target),
          details: { changes },
        });
        return row;
      });
    },

    /**
     * Deletes the account at once, as its owner's deletion does once its grace period is over (account-lifecycle
     * `removeAccount`: sessions ended with back-channel logout, memberships ended, every service told
     * `account.deleted`, the last admin refused), with the audit entry in the deleting transaction. Staff can't
     * delete themselves here (409 `account.cannot_delete_self`).
     */
    async deleteAccount(actor: AuditActor, accountId: string, reason: string): Promise<AccountRemoval> {
      if (actor.accountId === accountId) {
        throw new AppError(
          409,
          'account.cannot_delete_self',
          'You cannot delete your own account here; use your account center.',
        );
      }
      const [target] = await db
        .select({ id: accounts.id, handle: accounts.handle, accountNumber: accounts.accountNumber })
        .from(accounts)
        .where(eq(accounts.id, accountId));
      if (!target) throw accountNotFound();
      return deps.lifecycle.removeAccount(accountId, {
        by: 'admin',
        within: (tx, removal) =>
          audit.record(tx, actor, {
            action: 'account.deleted',
            target: auditTarget(target),
            details: {
              reason,
              accountNumber: String(target.accountNumber),
              endedMemberships: removal.endedMemberships,
            },
          }),
      });
    },
  };
}

export type AccountManagement = ReturnType<typeof createAccountManagement>;
