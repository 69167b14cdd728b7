import type { SecurityEventView } from '@orbit/contracts';
import { and, desc, eq, lt } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import { describeDevice } from '../kernel/devices.js';
import type { RequestOrigin } from '../kernel/guards.js';
import { type SecurityEventRow, securityEvents } from './schema.js';

/** Every kind of entry the security log keeps (docs/passkeys.md lists their details). */
export const securityEventTypes = [
  'account.created',
  'sign_in.succeeded',
  'sign_in.failed',
  'step_up.succeeded',
  'step_up.failed',
  'passkey.added',
  'passkey.renamed',
  'passkey.removed',
  'passkey.counter_regression',
  'recovery_code.used',
  'recovery_codes.generated',
  'session.revoked',
  /** The owner signed out every other session at once (details: `count`, `keptSessionId`). */
  'sessions.revoked_others',
  'signed_out',
  'password.changed',
  /** The password was set through a reset link (details: none; every session and refresh token ended). */
  'password.reset',
  /** Someone asked for a password-reset link for this account (details: `via`: number, handle or email). */
  'password_reset.requested',
  'email.changed',
  /** A verification link for an address was sent (details: `email`, `purpose`: sign_up, change or resend). */
  'email.verification_sent',
  /** The account's address was confirmed through its link (details: `email`). */
  'email.verified',
  /** The owner undid an email change from the link sent to the old address (details: `from`, `to`). */
  'email.change_undone',
  /**
   * Sign-in from unknown devices was locked after too many failures (details: `until`, `failures`); the owner's
   * known browsers still get in.
   */
  'sign_in.locked',
  /** The first passkey needs the password: the user entered it again in this session. */
  'password.reauthenticated',
  'account.exported',
  /** The owner asked for the account's deletion (details: `scheduledFor`); every session ended. */
  'account.deletion_scheduled',
  /** A sign-in within the grace period cancelled the scheduled deletion. */
  'account.deletion_cancelled',
  /** An admin granted or revoked a membership of this account (details: subscription, tier, reason, `by`). */
  'membership.granted',
  'membership.revoked',
  /** An admin adjusted this account's growth points (details: `entryId`, `delta`, `note`, `day`, `total`, `by`). */
  'membership.growth_adjusted',
  /** An admin granted or revoked one of this account's roles (details: `role`, `by`: the admin's label). */
  'role.granted',
  'role.revoked',
  /** Staff locked the account: no sign-in until unlocked; every session and grant ended (details: `reason`, `by`). */
  'account.locked',
  /** Staff lifted a lock and the sign-in lockout (details: `reason`, `by`, `wasLocked`, `throttleCleared`). */
  'account.unlocked',
  /** Staff ended every session of the account (details: `count`, `by`). */
  'sessions.revoked_by_staff',
  /** Staff voided the recovery codes; the owner makes new ones (details: `removed`, `by`). */
  'recovery_codes.reset',
  /** Staff edited the profile (details: `fields`, the names of what changed, and `by`). */
  'profile.updated_by_staff',
] as const;
export type SecurityEventType = (typeof securityEventTypes)[number];

export interface SecurityEvent extends RequestOrigin {
  accountId: string;
  type: SecurityEventType;
  details?: Record<string, unknown>;
}

/** A security log entry as its owner and staff read it (`@orbit/contracts`). */
export type { SecurityEventView };

export const viewSecurityEvent = (row: SecurityEventRow): SecurityEventView => ({
  id: row.id,
  type: row.type,
  createdAt: row.createdAt.toISOString(),
  ip: row.ip,
  device: describeDevice(row.userAgent),
  userAgent: row.userAgent,
  details: row.details,
});

/**
 * Told of every entry inside the transaction that records it (`q`), with the time it was recorded: what it
 * writes (the security notices' mail) commits or rolls back with the change itself.
 */
export type SecurityLogListener = (event: SecurityEvent & { at: Date }, q: Queryable) => Promise<void>;

/** The append-only security log. Record inside the transaction that made the change, when there is one. */
export function createSecurityLog({ db, clock }: { db: IdentityDb; clock: Clock }) {
  const listeners: SecurityLogListener[] = [];
  return {
    async record(event: SecurityEvent, q: Queryable = db): Promise<void> {
      const at = clock.now();
      await q.insert(securityEvents).values({
        accountId: event.accountId,
        type: event.type,
        ip: event.ip,
        userAgent: event.userAgent.slice(0, 512),
        details: event.details ?? {},
        createdAt: at,
      });
      for (const listener of listeners) await listener({ ...event, at }, q);
    },

    /** Adds a listener for every entry recorded from now on (email/notices.ts sends the security notices). */
    onRecord(listener: SecurityLogListener): void {
      listeners.push(listener);
    },

    /** Newest first; `before` is the id of the last entry already shown. */
    async list(
      accountId: string,
      { before, limit }: { before?: number | undefined; limit: number },
    ): Promise<{ events: SecurityEventView[]; nextBefore: number | null }> {
      const rows = await db
        .select()
        .from(securityEvents)
        .where(
          before === undefined
            ? eq(securityEvents.accountId, accountId)
            : and(eq(securityEvents.accountId, accountId), lt(securityEvents.id, before)),
        )
        .orderBy(desc(securityEvents.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      return {
        events: page.map(viewSecurityEvent),
        nextBefore: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
      };
    },
  };
}

export type SecurityLog = ReturnType<typeof createSecurityLog>;
