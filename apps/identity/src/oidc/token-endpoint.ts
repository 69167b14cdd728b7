import { createHash } from 'node:crypto';
import { type ServiceManifest, USER_SCOPES } from '@orbit/contracts';
import type { Accounts } from '../accounts/index.js';
import type { EntitlementSource } from '../api-v1/index.js';
import type { Clock } from '../clock.js';
import { membershipClaims, type ServiceRolesSource, scopeSet, userClaims } from './claims.js';
import { invalidGrant, invalidRequest, OAuthError } from './errors.js';
import type { Grants } from './grants.js';
import type { ClientRow, GrantRow } from './schema.js';
import type { Tokens } from './tokens.js';

const PKCE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
  id_token?: string;
  refresh_token?: string;
  /** RFC 8693 §2.2.1: what a token exchange issued. */
  issued_token_type?: typeof ACCESS_TOKEN_TYPE;
}

/** The token exchange grant (RFC 8693). */
export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
/** The token type of an access token in a token exchange (RFC 8693 §3). */
export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

/** A registered service a `resource` names: its id (the audience of tokens for it) and manifest. */
export interface CallTarget {
  id: string;
  manifest: ServiceManifest;
}

/**
 * What the token endpoint asks about calls between services (services/calls.ts): which service a `resource`
 * names, and which of its scopes a caller may carry (requested ∩ offered ∩ approved).
 */
export interface CallScopes {
  resolveResource(resource: string): Promise<CallTarget | undefined>;
  grantedScopes(callerId: string, target: CallTarget): Promise<Set<string>>;
}

/** The grants of the token endpoint (RFC 6749 §4.1.3, §6, §4.4), for an already authenticated client. */
export function createTokenEndpoint(deps: {
  clock: Clock;
  issuer: string;
  accounts: Accounts;
  grants: Grants;
  tokens: Tokens;
  /** What the `membership` claim is read from. */
  membership: EntitlementSource;
  /** What the `roles` claim of a service's tokens is read from. */
  serviceRoles: ServiceRolesSource;
  /** Calls between services: the targets of `resource` and the scopes callers may carry to them. */
  calls: CallScopes;
}) {
  const { grants, tokens } = deps;

  /**
   * The service a `resource` names (RFC 8707 §2: an absolute URI, no fragment), or `invalid_target`. Each
   * service is named by its registered origin or by `urn:orbit:service:<id>` (docs/clients.md).
   */
  async function targetOf(resource: string): Promise<CallTarget> {
    const target = await deps.calls.resolveResource(resource);
    if (!target) {
      throw new OAuthError('invalid_target', `No service takes tokens for the resource ${resource}.`);
    }
    return target;
  }

  /**
   * The scope of a token `client` may have for `target`: what it asked (all it may, when it asked nothing)
   * within what its manifest calls, the target offers and an admin approved; `invalid_scope` when none is left.
   */
  async function scopeFor(client: ClientRow, target: CallTarget, asked: string | undefined): Promise<string> {
    if (target.id === client.id) {
      throw new OAuthError('invalid_target', 'A service does not call itself through the hub.');
    }
    const granted = await deps.calls.grantedScopes(client.id, target);
    const wanted = asked ? [...scopeSet(asked)] : [...granted];
    const scopes = wanted.filter((s) => granted.has(s));
    if (scopes.length === 0) {
      throw new OAuthError(
        'invalid_scope',
        `No scope of ${target.id} is both asked for and approved for ${client.id}.`,
      );
    }
    return scopes.join(' ');
  }

  /**
   * The tokens of a grant whose code or refresh token was just spent: an access token, an ID token when the scope
   * has `openid`, and `refreshToken` — the successor the same statement wrote — when there is one.
   */
  async function respond(
    client: ClientRow,
    grant: GrantRow,
    scope: string,
    refreshToken: string | undefined,
  ): Promise<TokenResponse> {
    if (!grant.accountId) throw invalidGrant('The grant has no user.');
    // A lock revokes the account's grants; this also stops a code or refresh token that raced the lock. The
    // roles are read at every issue, refreshes included: a role granted or revoked shows in the next tokens.
    const [owner, roles] = await Promise.all([
      deps.accounts.byId(grant.accountId),
      deps.serviceRoles(grant.accountId, client.id),
    ]);
    if (!owner || owner.lockedAt) throw invalidGrant('The account is locked or no longer exists.');
    const scopes = scopeSet(scope);
    const access = await tokens.accessToken({
      alg: client.accessTokenSignedResponseAlg,
      subject: grant.accountId,
      clientId: client.id,
      audience: client.id,
      scope,
      grantId: grant.id,
      sessionId: grant.sessionId,
      authTime: grant.authTime,
      acr: grant.acr,
      amr: grant.amr,
      roles,
    });
    const response: TokenResponse = {
      access_token: access.token,
      token_type: 'Bearer',
      expires_in: access.expiresIn,
      scope,
    };
    if (scopes.has('openid')) {
      const account = owner;
      response.id_token = await tokens.idToken({
        account,
        clientId: client.id,
        alg: client.idTokenSignedResponseAlg,
        claims: {
          ...userClaims(account, scopes, deps.issuer),
          ...(await membershipClaims(deps.membership, account.id, client.id, scopes)),
          ...(roles ? { roles } : {}),
        },
        nonce: grant.nonce,
        sessionId: grant.sessionId,
        authTime: grant.authTime,
        acr: grant.acr,
        amr: grant.amr,
      });
    }
    if (refreshToken !== undefined) response.refresh_token = refreshToken;
    return response;
  }

  function allowed(client: ClientRow, grantType: string) {
    if (!client.grantTypes.includes(grantType as never)) {
      throw new OAuthError('unauthorized_client', `This client may not use the ${grantType} grant.`);
    }
  }

  return {
    async authorizationCode(client: ClientRow, form: Record<string, string>): Promise<TokenResponse> {
      allowed(client, 'authorization_code');
      if (!form.code) throw invalidRequest('code is required.');
      if (!form.redirect_uri) throw invalidRequest('redirect_uri is required.');
      if (!form.code_verifier || !PKCE_VERIFIER.test(form.code_verifier)) {
        throw invalidRequest('A valid PKCE code_verifier is required.');
      }
      const spent = await grants.spendCode(form.code, client.id, {
        redirectUri: form.redirect_uri,
        codeChallenge: createHash('sha256').update(form.code_verifier).digest('base64url'),
        refresh: client.grantTypes.includes('refresh_token'),
      });
      if (spent.status === 'replayed') {
        // A code used twice may be stolen: revoke everything issued from it (RFC 6749 §4.1.2, RFC 9700 §4.5).
        await grants.revoke(spent.grantId, 'code_replayed');
        throw invalidGrant('The authorization code was already used.');
      }
      if (spent.status !== 'ok') throw invalidGrant('The authorization code is not valid for this request.');
      return respond(client, spent.grant, spent.scope, spent.refreshToken);
    },

    async refreshToken(client: ClientRow, form: Record<string, string>): Promise<TokenResponse> {
      allowed(client, 'refresh_token');
      if (!form.refresh_token) throw invalidRequest('refresh_token is required.');
      // A narrower scope may be asked for (RFC 6749 §6); the statement that rotates refuses a wider one.
      const asked = form.scope ? [...scopeSet(form.scope)].join(' ') : undefined;
      const rotated = await grants.rotateRefreshToken(form.refresh_token, client.id, asked);
      if (rotated.status === 'reused') {
        await grants.revoke(rotated.grantId, 'refresh_token_reused');
        throw invalidGrant('The refresh token was already used; every token of this grant is now revoked.');
      }
      if (rotated.status === 'invalid_scope') {
        throw new OAuthError('invalid_scope', 'A refresh cannot widen the scope.');
      }
      // Expired, its grant revoked, or past the chain's absolute end (which wins over the token's own expiry).
      if (rotated.status !== 'ok') throw invalidGrant('The refresh token is not valid.');
      return respond(client, rotated.grant, rotated.scope, rotated.refreshToken);
    },

    async clientCredentials(client: ClientRow, form: Record<string, string>): Promise<TokenResponse> {
      allowed(client, 'client_credentials');
      if (client.type !== 'confidential')
        throw new OAuthError('unauthorized_client', 'Only confidential clients may.');
      if (form.resource !== undefined) {
        // A token for another service's API (RFC 8707): addressed to it, with its scopes only.
        const target = await targetOf(form.resource);
        const scope = await scopeFor(client, target, form.scope);
        const access = await tokens.accessToken({
          alg: client.accessTokenSignedResponseAlg,
          subject: client.id,
          clientId: client.id,
          audience: target.id,
          scope,
        });
        return { access_token: access.token, token_type: 'Bearer', expires_in: access.expiresIn, scope };
      }
      const userScopes: readonly string[] = USER_SCOPES;
      const serviceScopes = client.scopes.filter((s) => !userScopes.includes(s));
      const asked = form.scope ? [...scopeSet(form.scope)] : serviceScopes;
      const refused = asked.filter((s) => !serviceScopes.includes(s));
      if (refused.length) throw new OAuthError('invalid_scope', `Scopes not allowed: ${refused.join(' ')}.`);
      const scope = asked.join(' ');
      const access = await tokens.accessToken({
        alg: client.accessTokenSignedResponseAlg,
        subject: client.id,
        clientId: client.id,
        audience: deps.issuer,
        scope,
      });
      return { access_token: access.token, token_type: 'Bearer', expires_in: access.expiresIn, scope };
    },

    /**
     * Token exchange (RFC 8693) between services: a service trades a user's access token the hub issued to it
     * for one addressed to another service (`resource`), for the same user, with `act` naming the service and
     * the scope its calls allow. The new token ends no later than the one traded, and is refused when the user's
     * grant was revoked (a signed-out session, a lock) or the account is locked or gone.
     */
    async tokenExchange(client: ClientRow, form: Record<string, string>): Promise<TokenResponse> {
      // Any service may, within the calls an admin approved for it: the grant gates nothing more.
      allowed(client, 'client_credentials');
      if (client.type !== 'confidential')
        throw new OAuthError('unauthorized_client', 'Only confidential clients may.');
      if (!form.subject_token) throw invalidRequest('subject_token is required.');
      if (form.subject_token_type !== ACCESS_TOKEN_TYPE) {
        throw invalidRequest(`subject_token_type must be ${ACCESS_TOKEN_TYPE}.`);
      }
      if (form.requested_token_type !== undefined && form.requested_token_type !== ACCESS_TOKEN_TYPE) {
        throw invalidRequest(`Only ${ACCESS_TOKEN_TYPE} can be requested.`);
      }
      if (form.actor_token !== undefined || form.actor_token_type !== undefined) {
        throw invalidRequest('actor_token is not supported: the authenticated service is the actor.');
      }
      if (form.audience !== undefined) throw invalidRequest('Name the target service with resource.');
      if (form.resource === undefined) throw invalidRequest('resource is required.');
      const target = await targetOf(form.resource);

      const subject = await tokens.verifyAccessToken(form.subject_token);
      // Only a user's token (it has a grant) that the hub issued to this very service, never one it got from
      // another by exchange: each hop is the caller's own.
      if (
        !subject?.gid ||
        subject.client_id !== client.id ||
        subject.aud !== client.id ||
        subject.act !== undefined
      ) {
        throw invalidGrant('The subject token is not a valid user access token issued to this service.');
      }
      const grant = await grants.get(subject.gid);
      if (!grant || grant.revokedAt || grant.clientId !== client.id || grant.accountId !== subject.sub) {
        throw invalidGrant('The subject token was revoked.');
      }
      const owner = await deps.accounts.byId(subject.sub);
      if (!owner || owner.lockedAt) throw invalidGrant('The account is locked or no longer exists.');

      const scope = await scopeFor(client, target, form.scope);
      const remainingMs = subject.exp * 1000 - deps.clock.now().getTime();
      if (remainingMs < 1000) throw invalidGrant('The subject token has expired.');
      const access = await tokens.accessToken({
        alg: client.accessTokenSignedResponseAlg,
        subject: subject.sub,
        clientId: client.id,
        audience: target.id,
        scope,
        grantId: grant.id,
        sessionId: grant.sessionId,
        authTime: grant.authTime,
        acr: grant.acr,
        amr: grant.amr,
        // The target's roles of the user: what its `requireRole()` reads after `requireBearer()`.
        roles: await deps.serviceRoles(subject.sub, target.id),
        act: { sub: client.id },
        lifetimeMs: remainingMs,
      });
      return {
        access_token: access.token,
        issued_token_type: ACCESS_TOKEN_TYPE,
        token_type: 'Bearer',
        expires_in: access.expiresIn,
        scope,
      };
    },
  };
}

export type TokenEndpoint = ReturnType<typeof createTokenEndpoint>;
