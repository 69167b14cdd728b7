import { randomUUID } from 'node:crypto';
import { BACKCHANNEL_LOGOUT_EVENT, MEMBERSHIP_CHANGED_EVENT } from '@orbit/contracts';
import { and, eq, isNull, notExists, sql } from 'drizzle-orm';
import { type JWTPayload, jwtVerify } from 'jose';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { type AccountRow, accounts } from '../db/schema.js';
import type { IdentityDb } from '../kernel/db.js';
import { signJwt, verifyJwt } from './keys/jws.js';
import type { KeyStore } from './keys/keys.js';
import { grants, revokedAccessTokens, type SigningAlgorithm } from './schema.js';

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

/** The event a membership-change Security Event Token carries (docs/membership.md, "Events"). */
export { MEMBERSHIP_CHANGED_EVENT };

export interface AccessTokenInput {
  /** The account id, or the client id for client_credentials. */
  subject: string;
  clientId: string;
  audience: string;
  scope: string;
  grantId?: string | undefined;
  sessionId?: string | null | undefined;
  authTime?: Date | null | undefined;
  acr?: string | null | undefined;
  amr?: string[] | null | undefined;
  /** The `roles` claim, for a token issued to a service (oidc/claims.ts `rolesClaims`). */
  roles?: string[] | undefined;
  /** RFC 8693 §4.1: the service acting for the user, in a token exchanged for another service. */
  act?: { sub: string } | undefined;
  /** A shorter life than the configured one (an exchanged token never outlives its subject token). */
  lifetimeMs?: number | undefined;
  /** The signing algorithm: the client's `accessTokenSignedResponseAlg` (RS256 unless it chose ES256). */
  alg?: SigningAlgorithm | undefined;
}

export interface IdTokenInput {
  account: AccountRow;
  clientId: string;
  alg: SigningAlgorithm;
  claims: Record<string, unknown>;
  nonce?: string | null | undefined;
  sessionId?: string | null | undefined;
  authTime?: Date | null | undefined;
  acr?: string | null | undefined;
  amr?: string[] | null | undefined;
}

export interface VerifiedAccessToken extends JWTPayload {
  sub: string;
  client_id: string;
  scope: string;
  jti: string;
  exp: number;
  sid?: string;
  gid?: string;
  /** A service's roles of the user when it was issued (oidc/claims.ts `rolesClaims`). */
  roles?: string[];
  /** The service acting for the user (RFC 8693 token exchange). */
  act?: { sub: string };
}

/** How many checked access-token signatures a hub remembers (a few MB: each token is under 2 KB). */
const VERIFIED_ACCESS_TOKENS_KEPT = 2048;

/**
 * Signs and checks the provider's JWTs: access tokens (RFC 9068), ID tokens, logout, badge and membership-event
 * tokens.
 */
export function createTokens({
  db,
  clock,
  keys,
  config,
}: {
  db: IdentityDb;
  clock: Clock;
  keys: KeyStore;
  config: Pick<Config, 'issuer' | 'oidc'>;
}) {
  const { issuer } = config;
  // Every access token checked is checked against these: built once, prepared once per connection.
  const revokedToken = db
    .select({ jti: revokedAccessTokens.jti })
    .from(revokedAccessTokens)
    .where(eq(revokedAccessTokens.jti, sql.placeholder('jti')))
    .prepare('oidc_revoked_token');
  /** A user's token is live while its grant is (not revoked) and the token itself was not revoked (RFC 7009). */
  const grantLive = and(
    eq(grants.id, sql.placeholder('gid')),
    isNull(grants.revokedAt),
    notExists(
      db
        .select({ jti: revokedAccessTokens.jti })
        .from(revokedAccessTokens)
        .where(eq(revokedAccessTokens.jti, sql.placeholder('jti'))),
    ),
  );
  const liveUserToken = db
    .select({ id: grants.id })
    .from(grants)
    .where(grantLive)
    .prepare('oidc_live_user_token');
  /** The same check for userinfo, answering the token's account in the same round trip. */
  const liveUserTokenAccount = db
    .select({ account: accounts })
    .from(grants)
    .innerJoin(accounts, eq(accounts.id, grants.accountId))
    .where(and(grantLive, eq(grants.accountId, sql.placeholder('sub'))))
    .prepare('oidc_live_user_token_account');

  /**
   * Access tokens whose signature was checked, by the token as sent, under one published key set (`byKid`, a new
   * map whenever the keys change, which empties this). A token is presented many times in its life (a service
   * checks each request's at userinfo, introspection or the service API), and the RSA verification was a tenth
   * of such a request's CPU. Only the signature is remembered: expiry, `nbf`, revocation and the grant are checked
   * on every use. Bounded, oldest out first; only tokens that verified are kept, and only the hub can mint those.
   */
  const verifiedAccessTokens = new Map<string, Record<string, unknown>>();
  let verifiedUnder: Map<string, unknown> | undefined;
  function verifiedAccessToken(
    token: string,
    byKid: Awaited<ReturnType<KeyStore['publicKeysByKid']>>,
  ): Record<string, unknown> | undefined {
    if (verifiedUnder !== byKid) {
      verifiedAccessTokens.clear();
      verifiedUnder = byKid;
    }
    const known = verifiedAccessTokens.get(token);
    if (known) return known;
    const verified = verifyJwt(token, (kid) => byKid.get(kid));
    if (verified?.header.typ !== 'at+jwt') return undefined;
    // Frozen: every caller reads the one object.
    const payload = Object.freeze(verified.payload);
    if (verifiedAccessTokens.size >= VERIFIED_ACCESS_TOKENS_KEPT) {
      const oldest = verifiedAccessTokens.keys().next();
      if (!oldest.done) verifiedAccessTokens.delete(oldest.value);
    }
    verifiedAccessTokens.set(token, payload);
    return payload;
  }

  /**
   * What every access-token check starts with, before the database: node:crypto, synchronously (keys/jws.ts) —
   * the signature, our key and its algorithm — then `typ`, issuer, expiry, `nbf` and the claims callers read.
   */
  async function checkedAccessToken(token: string): Promise<VerifiedAccessToken | undefined> {
    const payload = verifiedAccessToken(token, await keys.publicKeysByKid());
    if (!payload) return undefined;
    const now = seconds(clock.now());
    if (payload.iss !== issuer || typeof payload.exp !== 'number' || payload.exp <= now) return undefined;
    if (payload.nbf !== undefined && (typeof payload.nbf !== 'number' || payload.nbf > now)) return undefined;
    if (
      typeof payload.jti !== 'string' ||
      typeof payload.sub !== 'string' ||
      typeof payload.client_id !== 'string' ||
      typeof payload.scope !== 'string'
    ) {
      return undefined;
    }
    return payload as VerifiedAccessToken;
  }

  /** Signs with the current key; `lifetimeMs` null leaves `exp` out (a Security Event Token has none). */
  async function sign(payload: JWTPayload, typ: string, alg: SigningAlgorithm, lifetimeMs: number | null) {
    const key = await keys.signingKey(alg);
    const iat = seconds(clock.now());
    return signJwt(
      { alg, kid: key.kid, typ },
      {
        ...payload,
        iss: issuer,
        iat,
        ...(lifetimeMs === null ? {} : { exp: iat + Math.floor(lifetimeMs / 1000) }),
      },
      key.privateKey,
    );
  }

  return {
    /** A JWT access token (RFC 9068): `typ: at+jwt`, audience limited to one service (or the hub's API). */
    async accessToken(input: AccessTokenInput): Promise<{ token: string; expiresIn: number; jti: string }> {
      const jti = randomUUID();
      const lifetimeMs = Math.min(config.oidc.accessTokenMs, input.lifetimeMs ?? Number.POSITIVE_INFINITY);
      const token = await sign(
        {
          sub: input.subject,
          aud: input.audience,
          client_id: input.clientId,
          scope: input.scope,
          jti,
          ...(input.sessionId ? { sid: input.sessionId } : {}),
          ...(input.grantId ? { gid: input.grantId } : {}),
          ...(input.authTime ? { auth_time: seconds(input.authTime) } : {}),
          ...(input.acr ? { acr: input.acr } : {}),
          ...(input.amr?.length ? { amr: input.amr } : {}),
          ...(input.roles ? { roles: input.roles } : {}),
          ...(input.act ? { act: input.act } : {}),
        },
        'at+jwt',
        input.alg ?? 'RS256',
        lifetimeMs,
      );
      return { token, expiresIn: Math.floor(lifetimeMs / 1000), jti };
    },

    /** An ID token (OIDC Core §2) in the algorithm the client registered. */
    idToken(input: IdTokenInput): Promise<string> {
      return sign(
        {
          ...input.claims,
          sub: input.account.id,
          aud: input.clientId,
          azp: input.clientId,
          ...(input.nonce ? { nonce: input.nonce } : {}),
          ...(input.sessionId ? { sid: input.sessionId } : {}),
          ...(input.authTime ? { auth_time: seconds(input.authTime) } : {}),
          ...(input.acr ? { acr: input.acr } : {}),
          ...(input.amr?.length ? { amr: input.amr } : {}),
        },
        'JWT',
        input.alg,
        config.oidc.idTokenMs,
      );
    },

    /** A back-channel logout token (OIDC Back-Channel Logout §2.4). */
    logoutToken(input: { clientId: string; subject?: string; sessionId?: string }): Promise<string> {
      return sign(
        {
          aud: input.clientId,
          jti: randomUUID(),
          events: { [BACKCHANNEL_LOGOUT_EVENT]: {} },
          ...(input.subject ? { sub: input.subject } : {}),
          ...(input.sessionId ? { sid: input.sessionId } : {}),
        },
        'logout+jwt',
        'RS256',
        120_000,
      );
    },

    /**
     * The token the hub sends with a launcher badge request (docs/services.md, "Badge"): it tells the service
     * which account is asking, is meant for that service alone (`aud`), and lives a minute.
     */
    badgeToken(input: { clientId: string; subject: string }): Promise<string> {
      return sign(
        { aud: input.clientId, sub: input.subject, jti: randomUUID() },
        'orbit-badge+jwt',
        'RS256',
        60_000,
      );
    },

    /**
     * A Security Event Token (RFC 8417) telling a service that an account's membership changed
     * (docs/membership.md, "Events"): for that service alone (`aud`), signed each time it is sent. An event is a
     * statement of fact and carries no `exp`: a receiver judges freshness by `iat` and replays by `jti`.
     */
    membershipEventToken(input: { clientId: string; subject: string; reason: string }): Promise<string> {
      return sign(
        {
          aud: input.clientId,
          sub: input.subject,
          jti: randomUUID(),
          events: { [MEMBERSHIP_CHANGED_EVENT]: { reason: input.reason } },
        },
        'secevent+jwt',
        'RS256',
        null,
      );
    },

    /**
     * A Security Event Token (RFC 8417) of another of the hub's events (the social ones: friend and block changes,
     * docs/services.md), signed like `membershipEventToken`: for one service (`aud`), about `subject`, no `exp`.
     */
    securityEventToken(input: {
      clientId: string;
      subject: string;
      event: string;
      payload: Record<string, unknown>;
    }): Promise<string> {
      return sign(
        {
          aud: input.clientId,
          sub: input.subject,
          jti: randomUUID(),
          events: { [input.event]: input.payload },
        },
        'secevent+jwt',
        'RS256',
        null,
      );
    },

    /**
     * Verifies one of our own access tokens: signature, issuer, `typ`, expiry, that it wasn't revoked, and — for a
     * user's token — that its grant wasn't.
     */
    async verifyAccessToken(token: string): Promise<VerifiedAccessToken | undefined> {
      const payload = await checkedAccessToken(token);
      if (!payload) return undefined;
      // One round trip: the token itself not revoked (RFC 7009) and, for a user's token, its grant still live
      // (a sign-out, a lock, a password change or a reused refresh token revokes the grant).
      const live =
        typeof payload.gid === 'string'
          ? (await liveUserToken.execute({ jti: payload.jti, gid: payload.gid })).length > 0
          : (await revokedToken.execute({ jti: payload.jti })).length === 0;
      return live ? payload : undefined;
    },

    /**
     * `verifyAccessToken` for a user's token, with its account read in the same round trip (userinfo): undefined
     * unless the token is valid, its grant live and the account still there (deleting an account deletes its
     * grants). A token without a grant (a client's own) names no user: undefined.
     */
    async userOfAccessToken(
      token: string,
    ): Promise<{ claims: VerifiedAccessToken; account: AccountRow } | undefined> {
      const payload = await checkedAccessToken(token);
      if (typeof payload?.gid !== 'string') return undefined;
      const [row] = await liveUserTokenAccount.execute({
        jti: payload.jti,
        gid: payload.gid,
        sub: payload.sub,
      });
      return row ? { claims: payload, account: row.account } : undefined;
    },

    /**
     * Verifies an ID token we issued, accepting expired ones (as `id_token_hint` may be: OIDC Core §3.1.2.1). Only
     * an ID token counts: the hub signs access tokens (`at+jwt`), logout and event tokens with the same keys, and
     * none of those may stand in for one (an access token as a logout hint once ended a session unasked).
     */
    async verifyIdTokenHint(token: string): Promise<JWTPayload | undefined> {
      try {
        const { payload } = await jwtVerify(token, await keys.verificationKeys(), {
          issuer,
          typ: 'JWT',
          currentDate: new Date(0),
          clockTolerance: Number.MAX_SAFE_INTEGER,
        });
        return isIdToken(payload) ? payload : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * The claims of an ID token as `idToken` makes them: a subject, one audience that is also the authorized party
 * (OIDC Core §2), and none of the claims that mark other tokens (`client_id`/`scope` of an RFC 9068 access
 * token, `events` of a logout or event token, `jti` of those and of badge tokens).
 */
function isIdToken(payload: JWTPayload): boolean {
  return (
    typeof payload.sub === 'string' &&
    typeof payload.aud === 'string' &&
    payload.azp === payload.aud &&
    !('client_id' in payload) &&
    !('scope' in payload) &&
    !('events' in payload) &&
    !('jti' in payload)
  );
}

export type Tokens = ReturnType<typeof createTokens>;
