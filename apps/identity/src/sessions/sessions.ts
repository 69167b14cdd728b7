import { ACR_PASSKEY, ACR_PASSWORD, type SessionView } from '@orbit/contracts';
import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { accountLocked, rolesArray } from '../accounts/index.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { randomToken, sha256 } from '../crypto.js';
import { type AccountRow, accounts, type SessionRow, sessions } from '../db/schema.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import { describeDevice } from '../kernel/devices.js';
import { stepUpExpiresAt } from '../passkeys/index.js';

/** Don't write `last_seen_at` on every request: once a minute is precise enough and keeps reads cheap. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

export interface SessionContext {
  userAgent: string;
  ip: string | null;
}

/** One signed-in browser or device as the API shows it: declared in contracts (`sessionView`). */
export type { SessionView } from '@orbit/contracts';

/** The session's assurance (OIDC `acr`): a passkey assertion made in it, at sign-in or by step-up, raises it. */
export const acrOf = (session: Pick<SessionRow, 'passkeyAt'>) =>
  session.passkeyAt ? ACR_PASSKEY : ACR_PASSWORD;

const AMR_ORDER = ['pwd', 'otp', 'hwk', 'swk', 'user', 'mfa'];
const rank = (m: string) => (AMR_ORDER.includes(m) ? AMR_ORDER.indexOf(m) : AMR_ORDER.length);

/**
 * `amr` values earned so far, each once, in a stable order. Two factors of different kinds — something known
 * (password, recovery code) and a key held (passkey) — add RFC 8176 `mfa`.
 */
export function mergeAmr(...lists: string[][]): string[] {
  const all = new Set(lists.flat());
  const known = all.has('pwd') || all.has('otp');
  const held = all.has('hwk') || all.has('swk');
  if (known && held) all.add('mfa');
  if (all.has('pwd') && all.has('otp')) all.add('mfa');
  return [...all].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The CSRF token for a session: derived from its secret cookie token, so nothing more is stored. */

/**
 * Server-side sessions. The cookie carries only a random 256-bit token; the database keeps its SHA-256, the
 * device, and the timestamps that enforce the idle and absolute timeouts.
 */
export function createSessions({
  db,
  clock,
  config,
}: {
  db: IdentityDb;
  clock: Clock;
  config: Config['session'];
}) {
  function isLive(row: SessionRow, now: Date): boolean {
    return !row.revokedAt && row.expiresAt > now && row.lastSeenAt.getTime() + config.idleMs > now.getTime();
  }

  function view(row: SessionRow, currentId: string | undefined): SessionView {
    return {
      id: row.id,
      current: row.id === currentId,
      device: describeDevice(row.userAgent),
      userAgent: row.userAgent,
      ip: row.ip,
      authMethods: row.authMethods,
      acr: acrOf(row),
      authTime: row.authTime.toISOString(),
      passkeyAt: row.passkeyAt?.toISOString() ?? null,
      stepUpExpiresAt: stepUpExpiresAt(row)?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      lastSeenAt: row.lastSeenAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
    };
  }

  // Every signed-in request reads it: built once, and prepared once per connection on PostgreSQL.
  const sessionByToken = db
    .select({ session: sessions, account: accounts, roles: rolesArray })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
    .prepare('sessions_by_token');

  let endListener: (() => Promise<void>) | undefined;
  let startListener: ((accountId: string, q: Queryable) => Promise<void>) | undefined;
  /** Tells whoever listens (back-channel logout) that sessions ended; never fails the caller. */
  async function ended(): Promise<void> {
    await endListener?.().catch(() => undefined);
  }

  return {
    view,

    /** Registers the one listener told after sessions end (revoked here, or committed by a caller's transaction). */
    onEnd(listener: () => Promise<void>): void {
      endListener = listener;
    },
    ended,

    /** Registers the one listener told of every sign-in (active days), inside the starting transaction. */
    onStart(listener: (accountId: string, q: Queryable) => Promise<void>): void {
      startListener = listener;
    },

    /** Starts a session; answers the cookie token (shown once, never stored) and the row. */
    async start(
      accountId: string,
      authMethods: string[],
      context: SessionContext,
      q: Queryable = db,
      options: { passkeyAt?: Date; passwordAt?: Date } = {},
    ): Promise<{ token: string; session: SessionRow }> {
      // No session for a locked account, whatever proved who it is. FOR SHARE waits for a lock being written:
      // a sign-in racing the lock either sees it here or started before it and is revoked by it.
      const [owner] = await q
        .select({ lockedAt: accounts.lockedAt })
        .from(accounts)
        .where(eq(accounts.id, accountId))
        .for('share');
      if (owner?.lockedAt) throw accountLocked();
      const token = randomToken();
      const now = clock.now();
      const [session] = await q
        .insert(sessions)
        .values({
          accountId,
          tokenHash: sha256(token),
          authMethods,
          authTime: now,
          passkeyAt: options.passkeyAt ?? null,
          // A session started with a password (`pwd`) had it entered just now, unless the caller knows when.
          passwordAt: options.passwordAt ?? (authMethods.includes('pwd') ? now : null),
          userAgent: context.userAgent.slice(0, 512),
          ip: context.ip,
          createdAt: now,
          lastSeenAt: now,
          expiresAt: new Date(now.getTime() + config.absoluteMs),
        })
        .returning();
      if (!session) throw new Error('session insert returned nothing');
      await startListener?.(accountId, q);
      return { token, session };
    },

    /**
     * The live session, account and the account's roles (in the same query) a cookie token names, touching
     * `last_seen_at`; undefined if none.
     */
    async resolve(
      token: string,
      context: SessionContext,
    ): Promise<{ session: SessionRow; account: AccountRow; roles: string[] } | undefined> {
      const now = clock.now();
      const [found] = await sessionByToken.execute({ tokenHash: sha256(token) });
      // A locked account's sessions were revoked with the lock; this holds even for one that slipped past it.
      if (!found || !isLive(found.session, now) || found.account.lockedAt) return undefined;
      if (now.getTime() - found.session.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
        await db
          .update(sessions)
          .set({ lastSeenAt: now, ip: context.ip ?? found.session.ip })
          .where(eq(sessions.id, found.session.id));
        found.session.lastSeenAt = now;
      }
      return found;
    },

    /**
     * Step-up: a passkey assertion inside the live session raises its assurance in place. The user authenticated
     * again just now (`auth_time`), with a passkey (`passkey_at`, `acr`), adding its `amr` values.
     */
    async stepUp(sessionId: string, amr: string[]): Promise<SessionRow> {
      const now = clock.now();
      const [row] = await db
        .select({ authMethods: sessions.authMethods })
        .from(sessions)
        .where(eq(sessions.id, sessionId));
      const [updated] = await db
        .update(sessions)
        .set({
          authMethods: mergeAmr(row?.authMethods ?? [], amr),
          authTime: now,
          passkeyAt: now,
          lastSeenAt: now,
        })
        .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
        .returning();
      if (!updated) throw new Error('step-up on a session that ended');
      return updated;
    },

    /** The password was entered again in this session (a re-authentication, a password change). */
    async passwordEntered(sessionId: string, q: Queryable = db): Promise<SessionRow> {
      const now = clock.now();
      const [updated] = await q
        .update(sessions)
        .set({ passwordAt: now, lastSeenAt: now })
        .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
        .returning();
      if (!updated) throw new Error('password entered in a session that ended');
      return updated;
    },

    async list(accountId: string): Promise<SessionRow[]> {
      const now = clock.now();
      const rows = await db
        .select()
        .from(sessions)
        .where(
          and(eq(sessions.accountId, accountId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)),
        )
        .orderBy(desc(sessions.createdAt));
      return rows.filter((row) => isLive(row, now));
    },

    /** Revokes one of the account's sessions; false when it isn't theirs or is already gone. */
    async revoke(accountId: string, sessionId: string): Promise<boolean> {
      const rows = await db
        .update(sessions)
        .set({ revokedAt: clock.now() })
        .where(and(eq(sessions.id, sessionId), eq(sessions.accountId, accountId), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id });
      if (rows.length > 0) await ended();
      return rows.length > 0;
    },

    /**
     * Revokes every session of the account but one (after a password change, say), in `q`; answers how many
     * ended. As with `revokeAll`, the caller calls `ended()` once its transaction commits.
     */
    async revokeOthers(accountId: string, keepSessionId: string, q: Queryable = db): Promise<number> {
      const rows = await q
        .update(sessions)
        .set({ revokedAt: clock.now() })
        .where(
          and(eq(sessions.accountId, accountId), ne(sessions.id, keepSessionId), isNull(sessions.revokedAt)),
        )
        .returning({ id: sessions.id });
      return rows.length;
    },

    /**
     * Revokes every session of the account (a password reset, an undone email change), in the caller's
     * transaction `q`; answers how many ended. The caller calls `ended()` once its transaction commits, so
     * back-channel logout goes out only for what really ended.
     */
    async revokeAll(accountId: string, q: Queryable = db): Promise<number> {
      const rows = await q
        .update(sessions)
        .set({ revokedAt: clock.now() })
        .where(and(eq(sessions.accountId, accountId), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id });
      return rows.length;
    },

    async revokeByToken(token: string): Promise<void> {
      await db
        .update(sessions)
        .set({ revokedAt: clock.now() })
        .where(and(eq(sessions.tokenHash, sha256(token)), isNull(sessions.revokedAt)));
      await ended();
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
