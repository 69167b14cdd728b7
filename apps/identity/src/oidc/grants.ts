import { and, eq, isNull } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import { randomToken, sha256 } from '../crypto.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import { authorizationCodes, type GrantRow, grants, refreshTokens } from './schema.js';

export interface NewGrant {
  clientId: string;
  accountId: string | null;
  sessionId: string | null;
  scope: string;
  authTime: Date | null;
  acr: string | null;
  amr: string[] | null;
  nonce: string | null;
}

/** Grants (one authorization's family of code and tokens), their codes and their refresh tokens. */
export function createGrants({
  db,
  clock,
  codeMs,
  refreshTokenMs,
  refreshTokenMaxMs,
}: {
  db: IdentityDb;
  clock: Clock;
  codeMs: number;
  /** A refresh token's own lifetime: each rotation issues a successor for this long... */
  refreshTokenMs: number;
  /** ...but never past the grant's start plus this (the chain's absolute end), however often it rotates. */
  refreshTokenMaxMs: number;
}) {
  /** When a grant's refresh-token chain ends for good. */
  const chainEnd = (grant: Pick<GrantRow, 'createdAt'>) =>
    new Date(grant.createdAt.getTime() + refreshTokenMaxMs);

  return {
    /** Creates the grant and its single-use code together; answers the code (only its hash is stored). */
    async issueCode(
      grant: NewGrant,
      binding: { redirectUri: string; codeChallenge: string },
    ): Promise<string> {
      const code = randomToken();
      const now = clock.now();
      await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(grants)
          .values({ ...grant, createdAt: now })
          .returning({ id: grants.id });
        await tx.insert(authorizationCodes).values({
          codeHash: sha256(code),
          grantId: row!.id,
          clientId: grant.clientId,
          redirectUri: binding.redirectUri,
          codeChallenge: binding.codeChallenge,
          expiresAt: new Date(now.getTime() + codeMs),
        });
      });
      return code;
    },

    /**
     * Spends a code presented by `clientId`. Answers the code and its grant, or `replayed` when it was spent before
     * (the caller then revokes the grant: RFC 9700 §4.5), or `unknown` — also for a code issued to another client,
     * which is left unspent, so a wrong client can't burn the rightful client's code (RFC 6749 §4.1.3: the code
     * is bound to its client).
     */
    async spendCode(code: string, clientId: string) {
      const now = clock.now();
      const [spent] = await db
        .update(authorizationCodes)
        .set({ usedAt: now })
        .where(
          and(
            eq(authorizationCodes.codeHash, sha256(code)),
            eq(authorizationCodes.clientId, clientId),
            isNull(authorizationCodes.usedAt),
          ),
        )
        .returning();
      if (!spent) {
        const [used] = await db
          .select()
          .from(authorizationCodes)
          .where(eq(authorizationCodes.codeHash, sha256(code)));
        if (!used || used.clientId !== clientId) return { status: 'unknown' as const };
        return { status: 'replayed' as const, grantId: used.grantId };
      }
      const [grant] = await db.select().from(grants).where(eq(grants.id, spent.grantId));
      return { status: 'ok' as const, code: spent, grant: grant! };
    },

    /** Issues a refresh token of the grant, expiring at `min(now + refreshTokenMs, grant start + max)`. */
    async issueRefreshToken(
      grant: Pick<GrantRow, 'id' | 'createdAt'>,
      scope: string,
      q: Queryable = db,
    ): Promise<string> {
      const token = randomToken();
      const now = clock.now();
      await q.insert(refreshTokens).values({
        tokenHash: sha256(token),
        grantId: grant.id,
        scope,
        createdAt: now,
        expiresAt: new Date(Math.min(now.getTime() + refreshTokenMs, chainEnd(grant).getTime())),
      });
      return token;
    },

    /** Whether the grant's refresh-token chain has reached its absolute end (`refreshTokenMaxMs`). */
    chainEnded(grant: Pick<GrantRow, 'createdAt'>): boolean {
      return chainEnd(grant) <= clock.now();
    },

    /**
     * Exchanges a refresh token for its successor (rotation). A token presented a second time answers
     * `reused`, and the caller revokes the whole family (RFC 9700 §4.14.2).
     */
    async rotateRefreshToken(token: string, clientId: string) {
      const now = clock.now();
      const hash = sha256(token);
      // One round trip on the happy path: spend the token only if it belongs to this client's grant.
      const [current] = await db
        .update(refreshTokens)
        .set({ usedAt: now })
        .from(grants)
        .where(
          and(
            eq(refreshTokens.tokenHash, hash),
            isNull(refreshTokens.usedAt),
            eq(grants.id, refreshTokens.grantId),
            eq(grants.clientId, clientId),
          ),
        )
        .returning({ token: refreshTokens, grant: grants });
      if (current) return { status: 'ok' as const, ...current };
      const [found] = await db
        .select({ grantId: refreshTokens.grantId, clientId: grants.clientId })
        .from(refreshTokens)
        .innerJoin(grants, eq(grants.id, refreshTokens.grantId))
        .where(eq(refreshTokens.tokenHash, hash));
      if (!found || found.clientId !== clientId) return { status: 'unknown' as const };
      return { status: 'reused' as const, grantId: found.grantId };
    },

    async findRefreshToken(token: string) {
      const [row] = await db
        .select({ token: refreshTokens, grant: grants })
        .from(refreshTokens)
        .innerJoin(grants, eq(grants.id, refreshTokens.grantId))
        .where(eq(refreshTokens.tokenHash, sha256(token)));
      return row;
    },

    async get(id: string): Promise<GrantRow | undefined> {
      const [row] = await db.select().from(grants).where(eq(grants.id, id));
      return row;
    },

    /** Revokes a grant: its refresh tokens stop working, and so do its access tokens wherever they are introspected. */
    async revoke(id: string, reason: string): Promise<void> {
      await db
        .update(grants)
        .set({ revokedAt: clock.now(), revokedReason: reason })
        .where(and(eq(grants.id, id), isNull(grants.revokedAt)));
    },

    /**
     * Revokes every live grant of the account (a password change or reset): every refresh token, offline ones
     * included, stops, and so does every access token wherever it is introspected. Runs in the caller's
     * transaction `q`; answers how many grants it revoked.
     */
    async revokeAllOfAccount(accountId: string, reason: string, q: Queryable = db): Promise<number> {
      const rows = await q
        .update(grants)
        .set({ revokedAt: clock.now(), revokedReason: reason })
        .where(and(eq(grants.accountId, accountId), isNull(grants.revokedAt)))
        .returning({ id: grants.id });
      return rows.length;
    },
  };
}

export type Grants = ReturnType<typeof createGrants>;
