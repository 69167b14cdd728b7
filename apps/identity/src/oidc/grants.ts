import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { WithSubqueryWithSelection } from 'drizzle-orm/pg-core';
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

/** What spending a code or a refresh token answered. */
export type Redeemed =
  /** Spent now, and valid: the grant, the scope of what is issued, and the successor refresh token if any. */
  | { status: 'ok'; grant: GrantRow; scope: string; refreshToken: string | undefined }
  /** Spent now, but not a valid exchange (expired, revoked, another redirect or verifier). */
  | { status: 'invalid' }
  /** Left unspent: a refresh asking for more scope than its token has. */
  | { status: 'invalid_scope' }
  /** Spent before: the caller revokes the grant. */
  | { status: 'replayed' | 'reused'; grantId: string }
  /** Not a code or token of this client. */
  | { status: 'unknown' };

/** What the statement that spends a code or a refresh token returns of it (`redeemStatement`). */
type Spent = WithSubqueryWithSelection<
  {
    grantId: SQL.Aliased<string>;
    /** The scope of what the exchange issues. */
    scope: SQL.Aliased<string>;
    /** Whether the exchange is valid: then, and only then, a successor refresh token is written. */
    valid: SQL.Aliased<boolean>;
  },
  'spent'
>;

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

  /** The answer for a row the code exchange or the rotation spent. */
  function outcome(
    row: { grant: GrantRow; scope: string; valid: boolean; issued: boolean },
    successor: string | undefined,
  ): Redeemed {
    if (!row.valid) return { status: 'invalid' };
    // Valid, yet no successor written: never expected (the same statement decided both); refuse all the same.
    if (successor !== undefined && !row.issued) return { status: 'invalid' };
    return { status: 'ok', grant: row.grant, scope: row.scope, refreshToken: successor };
  }

  /** The time of the request, in every prepared statement below. */
  const now = sql.placeholder('now');

  /**
   * The prepared statement around `spent` (an UPDATE … RETURNING that spends a code or a refresh token): when
   * `issue` holds and the exchange is valid, it writes `successorHash` as the grant's next refresh token, expiring
   * at `expiresAt` but never past the chain's end; it answers the spent row with its grant.
   */
  function redeemStatement(spent: Spent, issue: SQL, name: string) {
    const fresh = db.$with('fresh').as(
      db
        .insert(refreshTokens)
        .select(
          sql`select ${sql.placeholder('successorHash')}::text, ${spent.grantId}, ${spent.scope},
            ${now}::timestamptz,
            least(${sql.placeholder('expiresAt')}::timestamptz, ${grants.createdAt} + ${refreshTokenMaxMs} * interval '1 millisecond'),
            null::timestamptz
            from ${spent} join ${grants} on ${grants.id} = ${spent.grantId}
            where ${issue} and ${spent.valid}`,
        )
        .returning({ tokenHash: refreshTokens.tokenHash }),
    );
    return db
      .with(spent, fresh)
      .select({
        grant: grants,
        scope: spent.scope,
        valid: spent.valid,
        issued: sql<boolean>`exists (select 1 from ${fresh})`,
      })
      .from(spent)
      .innerJoin(grants, eq(grants.id, spent.grantId))
      .prepare(name);
  }

  /**
   * The rotation (`rotateRefreshToken`), built and prepared once: the hot path of every refresh, whose statement
   * drizzle otherwise built, and PostgreSQL parsed and planned, on each request. The token is spent only if it is
   * this client's, unused, and `scope` (when asked) is within its own — a narrower scope may be asked for (RFC 6749
   * §6), never a wider one; the exchange is valid when its grant is live, the token unexpired and the chain's
   * absolute end not reached, and only then is the successor written.
   */
  const asked = sql`${sql.placeholder('scope')}::text`;
  const spentToken = db.$with('spent').as(
    db
      .update(refreshTokens)
      .set({ usedAt: sql`${now}::timestamptz` })
      .from(grants)
      .where(
        and(
          eq(refreshTokens.tokenHash, sql.placeholder('hash')),
          isNull(refreshTokens.usedAt),
          eq(grants.id, refreshTokens.grantId),
          eq(grants.clientId, sql.placeholder('clientId')),
          sql`(${asked} is null or string_to_array(${asked}, ' ') <@ string_to_array(${refreshTokens.scope}, ' '))`,
        ),
      )
      .returning({
        grantId: sql<string>`${refreshTokens.grantId}`.as('spent_grant_id'),
        // The scope the successor carries: the token's, or the narrower one asked for.
        scope: sql<string>`coalesce(${asked}, ${refreshTokens.scope})`.as('spent_scope'),
        valid: sql<boolean>`(${grants.revokedAt} is null
          and ${refreshTokens.expiresAt} > ${now}::timestamptz
          and ${grants.createdAt} + ${refreshTokenMaxMs} * interval '1 millisecond' > ${now}::timestamptz)`.as(
          'spent_valid',
        ),
      }),
  );
  const rotation = redeemStatement(spentToken, sql`true`, 'oidc_rotate_refresh_token');

  /** A new grant and its single-use code, in one statement (`issueCode`), prepared once. */
  const createdGrant = db.$with('created').as(
    db
      .insert(grants)
      .values({
        clientId: sql`${sql.placeholder('clientId')}::text`,
        accountId: sql`${sql.placeholder('accountId')}::uuid`,
        sessionId: sql`${sql.placeholder('sessionId')}::uuid`,
        scope: sql`${sql.placeholder('scope')}::text`,
        authTime: sql`${sql.placeholder('authTime')}::timestamptz`,
        acr: sql`${sql.placeholder('acr')}::text`,
        amr: sql`string_to_array(${sql.placeholder('amr')}::text, ' ')`,
        nonce: sql`${sql.placeholder('nonce')}::text`,
        createdAt: sql`${now}::timestamptz`,
      })
      .returning({ id: grants.id }),
  );
  const codeIssue = db
    .with(createdGrant)
    .insert(authorizationCodes)
    .select(
      sql`select ${sql.placeholder('codeHash')}::text, ${createdGrant.id}, ${sql.placeholder('clientId')}::text,
        ${sql.placeholder('redirectUri')}::text, ${sql.placeholder('codeChallenge')}::text,
        ${sql.placeholder('codeExpiresAt')}::timestamptz, null::timestamptz
        from ${createdGrant}`,
    )
    .prepare('oidc_issue_code');

  /**
   * The code exchange (`spendCode`), prepared once: the code is spent only if it is this client's and unused; the
   * exchange is valid when the code is unexpired, its grant live, the redirect URI the same and the verifier's
   * S256 the code's challenge; only then, and only when `successorHash` is given, is the first refresh token
   * written.
   */
  const spentCode = db.$with('spent').as(
    db
      .update(authorizationCodes)
      .set({ usedAt: sql`${now}::timestamptz` })
      .from(grants)
      .where(
        and(
          eq(authorizationCodes.codeHash, sql.placeholder('hash')),
          eq(authorizationCodes.clientId, sql.placeholder('clientId')),
          isNull(authorizationCodes.usedAt),
          eq(grants.id, authorizationCodes.grantId),
        ),
      )
      .returning({
        grantId: sql<string>`${authorizationCodes.grantId}`.as('spent_grant_id'),
        scope: sql<string>`${grants.scope}`.as('spent_scope'),
        valid: sql<boolean>`(${authorizationCodes.expiresAt} > ${now}::timestamptz
          and ${authorizationCodes.redirectUri} = ${sql.placeholder('redirectUri')}::text
          and ${authorizationCodes.codeChallenge} = ${sql.placeholder('codeChallenge')}::text
          and ${grants.revokedAt} is null)`.as('spent_valid'),
      }),
  );
  const codeSpend = redeemStatement(
    spentCode,
    sql`${sql.placeholder('successorHash')}::text is not null`,
    'oidc_spend_code',
  );

  return {
    /**
     * Creates the grant and its single-use code together, in one statement (the code's row and its grant's commit
     * as one); answers the code (only its hash is stored).
     */
    async issueCode(
      grant: NewGrant,
      binding: { redirectUri: string; codeChallenge: string },
    ): Promise<string> {
      const code = randomToken();
      const now = clock.now();
      await codeIssue.execute({
        clientId: grant.clientId,
        accountId: grant.accountId,
        sessionId: grant.sessionId,
        scope: grant.scope,
        authTime: grant.authTime?.toISOString() ?? null,
        acr: grant.acr,
        // Joined (values are short names without spaces: RFC 8176); split back by the statement.
        amr: grant.amr?.join(' ') ?? null,
        nonce: grant.nonce,
        now: now.toISOString(),
        codeHash: sha256(code),
        redirectUri: binding.redirectUri,
        codeChallenge: binding.codeChallenge,
        codeExpiresAt: new Date(now.getTime() + codeMs).toISOString(),
      });
      return code;
    },

    /**
     * Spends a code presented by `clientId`, in one statement that also writes the grant's first refresh token
     * when `exchange.refresh` asks for one and the exchange is valid: the code unexpired, its grant live, the
     * same `redirect_uri` and a `code_verifier` whose S256 is the code's challenge. Answers `invalid` for any
     * other exchange (the code is spent all the same: it was presented), `replayed` when it was spent before
     * (the caller then revokes the grant: RFC 9700 §4.5), or `unknown` — also for a code issued to another
     * client, which is left unspent, so a wrong client can't burn the rightful client's code (RFC 6749 §4.1.3).
     */
    async spendCode(
      code: string,
      clientId: string,
      exchange: { redirectUri: string; codeChallenge: string; refresh: boolean },
    ): Promise<Redeemed> {
      const now = clock.now();
      const hash = sha256(code);
      const successor = exchange.refresh ? randomToken() : undefined;
      const [row] = await codeSpend.execute({
        hash,
        clientId,
        now: now.toISOString(),
        redirectUri: exchange.redirectUri,
        codeChallenge: exchange.codeChallenge,
        successorHash: successor === undefined ? null : sha256(successor),
        expiresAt: new Date(now.getTime() + refreshTokenMs).toISOString(),
      });
      if (row) return outcome(row, successor);
      const [used] = await db
        .select({ grantId: authorizationCodes.grantId, clientId: authorizationCodes.clientId })
        .from(authorizationCodes)
        .where(eq(authorizationCodes.codeHash, hash));
      if (!used || used.clientId !== clientId) return { status: 'unknown' };
      return { status: 'replayed', grantId: used.grantId };
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

    /**
     * Exchanges a refresh token for its successor (rotation) in one statement: the token is spent and, when the
     * exchange is valid (its grant live, the token unexpired, the chain's absolute end not reached), the
     * successor is written, so no rotation is ever half done. Answers `invalid` for an exchange that is not valid
     * (the token is spent all the same), `invalid_scope` — the token left unspent — when `scope` asks for more
     * than the token has, `reused` for a token presented a second time — the caller revokes the whole family
     * (RFC 9700 §4.14.2) — and `unknown` for a token that is not this client's.
     */
    async rotateRefreshToken(token: string, clientId: string, scope?: string): Promise<Redeemed> {
      const now = clock.now();
      const hash = sha256(token);
      const successor = randomToken();
      const [row] = await rotation.execute({
        hash,
        clientId,
        scope: scope ?? null,
        now: now.toISOString(),
        successorHash: sha256(successor),
        expiresAt: new Date(now.getTime() + refreshTokenMs).toISOString(),
      });
      if (row) return outcome(row, successor);
      const [found] = await db
        .select({ grantId: refreshTokens.grantId, clientId: grants.clientId, usedAt: refreshTokens.usedAt })
        .from(refreshTokens)
        .innerJoin(grants, eq(grants.id, refreshTokens.grantId))
        .where(eq(refreshTokens.tokenHash, hash));
      if (!found || found.clientId !== clientId) return { status: 'unknown' };
      // Unspent, so not spent just now: only a scope wider than the token's keeps it so.
      if (!found.usedAt) return { status: 'invalid_scope' };
      return { status: 'reused', grantId: found.grantId };
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
