import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { type AccountView, rolesOf, viewAccount } from '../accounts/index.js';
import { refuseLastAdmin as refuseRemovingLastAdmin } from '../admin/index.js';
import type { Clock } from '../clock.js';
import { accounts, avatars, type SessionRow, sessions, signInThrottles } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import type { RequestOrigin } from '../kernel/guards.js';
import { clients, consents, grants } from '../oidc/index.js';
import { hasPasskey, passkeys, recoveryCodes } from '../passkeys/index.js';
import {
  type SecurityEventView,
  type SecurityLog,
  securityEvents,
  viewSecurityEvent,
} from '../security/index.js';
import type { SessionView } from '../sessions/index.js';
import type { DeviceEntry, SignInAttempt } from '../sign-in/index.js';
import type { DeletionCheck, EndedMembership, MembershipDeletion } from './lifecycle-memberships.js';

/** Everything the hub holds about one account, as `POST /api/me/export` hands it over. Never a secret. */
export interface AccountExport {
  exportedAt: string;
  account: AccountView & { updatedAt: string; passwordChangedAt: string };
  avatar: { contentType: string; bytes: number; updatedAt: string | null } | null;
  sessions: (SessionView & { revokedAt: string | null })[];
  passkeys: {
    id: string;
    name: string;
    createdAt: string;
    lastUsedAt: string | null;
    deviceType: string;
    backedUp: boolean;
    transports: string[];
    aaguid: string;
  }[];
  recoveryCodes: { remaining: number };
  consents: { clientId: string; clientName: string; scopes: string[]; grantedAt: string }[];
  grants: {
    id: string;
    clientId: string;
    clientName: string;
    scope: string;
    sessionId: string | null;
    acr: string | null;
    amr: string[] | null;
    createdAt: string;
    revokedAt: string | null;
    revokedReason: string | null;
  }[];
  securityLog: SecurityEventView[];
  /** Memberships (every subscription, receipts, growth ledger, active days); absent where not wired (tools). */
  membership?: unknown;
}

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
  /** The live memberships it ended (unrefunded: docs/account-center.md). */
  endedMemberships: EndedMembership[];
}

export interface AccountRemovalOptions {
  /**
   * Runs inside the transaction that deletes the account, after its memberships ended: an admin deletion writes
   * its audit entry here, so the entry exists exactly when the account is gone.
   */
  within?: (tx: Queryable, removal: AccountRemoval) => Promise<void>;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** Deletion loops at most this often when sessions keep starting while it runs. */
const MAX_DELETE_ATTEMPTS = 3;

/**
 * An account's end of life: handing over its data, and deleting it. Deletion ends its sessions first, so every
 * service that signed in through them gets a back-channel logout, and only then removes the account and
 * everything it owns (every table referencing accounts cascades).
 */
export function createAccountLifecycle(deps: {
  db: IdentityDb;
  clock: Clock;
  sessions: { view(row: SessionRow, currentId: string | undefined): SessionView };
  securityLog: SecurityLog;
  /** Queues back-channel logouts for ended sessions; called directly so a failure stops the deletion. */
  backchannel: { sweep(): Promise<number> };
  /** The throttled password check (`createPasswordSignIn`): throws on a wrong password. */
  signInWithPassword: (attempt: SignInAttempt) => Promise<unknown>;
  /** The membership layer's data about the account, for the export. */
  membershipExport?: (accountId: string) => Promise<unknown>;
  /** Ends the account's memberships inside the deletion (and says beforehand what that would end). */
  memberships: MembershipDeletion;
}) {
  const { db, clock } = deps;

  /** 409 `role.last_admin` when the account is the only admin. Locks the admins inside a transaction. */
  async function refuseLastAdmin(accountId: string, q: Queryable = db): Promise<void> {
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

  async function collect(
    accountId: string,
    currentSessionId: string,
  ): Promise<Omit<AccountExport, 'exportedAt'>> {
    const [account] = await db.select().from(accounts).where(eq(accounts.id, accountId));
    if (!account) throw new AppError(404, 'account.not_found', 'No such account.');
    const [avatar] = await db
      .select({ contentType: avatars.contentType, bytes: sql<number>`octet_length(${avatars.data})::int` })
      .from(avatars)
      .where(eq(avatars.accountId, accountId));
    const sessionRows = await db
      .select()
      .from(sessions)
      .where(eq(sessions.accountId, accountId))
      .orderBy(desc(sessions.createdAt));
    const passkeyRows = await db
      .select()
      .from(passkeys)
      .where(eq(passkeys.accountId, accountId))
      .orderBy(asc(passkeys.createdAt));
    const [codes] = await db
      .select({ remaining: sql<number>`count(*)::int` })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.accountId, accountId), isNull(recoveryCodes.usedAt)));
    const consentRows = await db
      .select({
        clientId: consents.clientId,
        clientName: clients.name,
        scopes: consents.scopes,
        grantedAt: consents.grantedAt,
      })
      .from(consents)
      .innerJoin(clients, eq(clients.id, consents.clientId))
      .where(eq(consents.accountId, accountId))
      .orderBy(asc(consents.clientId));
    const grantRows = await db
      .select({ grant: grants, clientName: clients.name })
      .from(grants)
      .innerJoin(clients, eq(clients.id, grants.clientId))
      .where(eq(grants.accountId, accountId))
      .orderBy(desc(grants.createdAt));
    const events = await db
      .select()
      .from(securityEvents)
      .where(eq(securityEvents.accountId, accountId))
      .orderBy(desc(securityEvents.id));

    return {
      account: {
        ...viewAccount(account, await rolesOf(db, accountId)),
        updatedAt: account.updatedAt.toISOString(),
        passwordChangedAt: account.passwordChangedAt.toISOString(),
      },
      avatar: avatar ? { ...avatar, updatedAt: iso(account.avatarUpdatedAt) } : null,
      sessions: sessionRows.map((row) => ({
        ...deps.sessions.view(row, currentSessionId),
        revokedAt: iso(row.revokedAt),
      })),
      // Only what the user can recognise a passkey by: never its public key, credential id or counter.
      passkeys: passkeyRows.map((p) => ({
        id: p.id,
        name: p.name,
        createdAt: p.createdAt.toISOString(),
        lastUsedAt: iso(p.lastUsedAt),
        deviceType: p.deviceType,
        backedUp: p.backedUp,
        transports: p.transports,
        aaguid: p.aaguid,
      })),
      recoveryCodes: { remaining: codes?.remaining ?? 0 },
      consents: consentRows.map((r) => ({ ...r, grantedAt: r.grantedAt.toISOString() })),
      grants: grantRows.map(({ grant, clientName }) => ({
        id: grant.id,
        clientId: grant.clientId,
        clientName,
        scope: grant.scope,
        sessionId: grant.sessionId,
        acr: grant.acr,
        amr: grant.amr,
        createdAt: grant.createdAt.toISOString(),
        revokedAt: iso(grant.revokedAt),
        revokedReason: grant.revokedReason,
      })),
      securityLog: events.map(viewSecurityEvent),
    };
  }

  /**
   * Ends every session of the account and queues the back-channel logouts, then deletes the account in a
   * transaction that first locks its row: a session can't start for it meanwhile (the insert's foreign-key check
   * waits on that lock), and one that started before the lock sends the deletion round again, so no session
   * disappears with the account without its services being told.
   */
  async function endSessionsAndDelete(
    accountId: string,
    options: AccountRemovalOptions,
  ): Promise<AccountRemoval> {
    for (let attempt = 1; ; attempt++) {
      await db
        .update(sessions)
        .set({ revokedAt: clock.now() })
        .where(and(eq(sessions.accountId, accountId), isNull(sessions.revokedAt)));
      // The jobs carry client, session and subject, so they deliver after the account row is gone; but they
      // can only be made while the sessions still exist, and those cascade away with the account.
      await deps.backchannel.sweep();
      const deleted = await db.transaction(async (tx) => {
        await refuseLastAdmin(accountId, tx);
        await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId)).for('update');
        const unnotified = await tx
          .select({ id: sessions.id })
          .from(sessions)
          .where(and(eq(sessions.accountId, accountId), isNull(sessions.logoutNotifiedAt)))
          .limit(1);
        if (unnotified.length > 0) return undefined;
        // Memberships end in this transaction: their services are told, and no renewal is charged afterwards.
        const removal: AccountRemoval = { endedMemberships: await deps.memberships.endAll(tx, accountId) };
        await options.within?.(tx, removal);
        await tx.delete(signInThrottles).where(eq(signInThrottles.key, `account:${accountId}`));
        await tx.delete(accounts).where(eq(accounts.id, accountId));
        return removal;
      });
      if (deleted) return deleted;
      if (attempt >= MAX_DELETE_ATTEMPTS) {
        throw new AppError(503, 'account.busy', 'New sign-ins keep arriving for this account; try again.');
      }
    }
  }

  /**
   * Deletes an account whoever asked: refused for the last admin and while a payment for it is under way (both
   * before anything irreversible happens, and again under lock); otherwise its sessions end (with back-channel
   * logout), its memberships end unrefunded, and the account goes with everything it owns.
   */
  async function removeAccount(
    accountId: string,
    options: AccountRemovalOptions = {},
  ): Promise<AccountRemoval> {
    await refuseLastAdmin(accountId);
    await deps.memberships.refuseWhilePaying(db, accountId);
    return endSessionsAndDelete(accountId, options);
  }

  return {
    removeAccount,

    /** What deleting the account would end: its paid and granted memberships, for the warning before it. */
    deletionCheck(accountId: string): Promise<DeletionCheck> {
      return deps.memberships.check(db, accountId);
    },

    /** The account's data; records `account.exported` first, so the export shows it too. */
    async exportAccount(
      accountId: string,
      currentSessionId: string,
      origin: RequestOrigin,
    ): Promise<AccountExport> {
      await deps.securityLog.record({ accountId, type: 'account.exported', ...origin });
      const exportedAt = clock.now().toISOString();
      const membership = await deps.membershipExport?.(accountId);
      return {
        exportedAt,
        ...(await collect(accountId, currentSessionId)),
        ...(membership === undefined ? {} : { membership }),
      };
    },

    /**
     * Deletes the account for good. `confirm` must be its account number; without a passkey the password must
     * be right (checked through the throttled sign-in path, so it can't be brute-forced here); the last admin
     * stays.
     */
    async deleteAccount(
      account: { id: string; accountNumber: number },
      request: AccountDeletion,
      options: AccountRemovalOptions = {},
    ): Promise<AccountRemoval> {
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
      return removeAccount(account.id, options);
    },
  };
}

export type AccountLifecycle = ReturnType<typeof createAccountLifecycle>;
