import { createHash } from 'node:crypto';
import { USER_SCOPES } from '@orbit/contracts';
import type { Accounts } from '../accounts/accounts.js';
import type { EntitlementSource } from '../api-v1/entitlements.js';
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
}) {
  const { grants, tokens } = deps;

  async function respond(
    client: ClientRow,
    grant: GrantRow,
    scope: string,
    withRefresh: boolean,
  ): Promise<TokenResponse> {
    if (!grant.accountId) throw invalidGrant('The grant has no user.');
    // A lock revokes the account's grants; this also stops a code or refresh token that raced the lock.
    const owner = await deps.accounts.byId(grant.accountId);
    if (!owner || owner.lockedAt) throw invalidGrant('The account is locked or no longer exists.');
    const scopes = scopeSet(scope);
    // Read at every issue, refreshes included: a role granted or revoked shows in the next tokens.
    const roles = await deps.serviceRoles(grant.accountId, client.id);
    const access = await tokens.accessToken({
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
    if (withRefresh && client.grantTypes.includes('refresh_token')) {
      response.refresh_token = await grants.issueRefreshToken(grant, scope);
    }
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
      const spent = await grants.spendCode(form.code, client.id);
      if (spent.status === 'replayed') {
        // A code used twice may be stolen: revoke everything issued from it (RFC 6749 §4.1.2, RFC 9700 §4.5).
        await grants.revoke(spent.grantId, 'code_replayed');
        throw invalidGrant('The authorization code was already used.');
      }
      if (spent.status === 'unknown') throw invalidGrant('The authorization code is not valid.');
      const { code, grant } = spent;
      const challenge = createHash('sha256').update(form.code_verifier).digest('base64url');
      if (
        code.clientId !== client.id ||
        code.expiresAt <= deps.clock.now() ||
        code.redirectUri !== form.redirect_uri ||
        challenge !== code.codeChallenge ||
        grant.revokedAt
      ) {
        throw invalidGrant('The authorization code is not valid for this request.');
      }
      return respond(client, grant, grant.scope, true);
    },

    async refreshToken(client: ClientRow, form: Record<string, string>): Promise<TokenResponse> {
      allowed(client, 'refresh_token');
      if (!form.refresh_token) throw invalidRequest('refresh_token is required.');
      const rotated = await grants.rotateRefreshToken(form.refresh_token, client.id);
      if (rotated.status === 'reused') {
        await grants.revoke(rotated.grantId, 'refresh_token_reused');
        throw invalidGrant('The refresh token was already used; every token of this grant is now revoked.');
      }
      if (rotated.status === 'unknown') throw invalidGrant('The refresh token is not valid.');
      const { token, grant } = rotated;
      // A token issued before the absolute lifetime existed may outlive its chain: the chain's end wins.
      if (grant.revokedAt || token.expiresAt <= deps.clock.now() || grants.chainEnded(grant))
        throw invalidGrant('The refresh token is not valid.');
      let scope = token.scope;
      if (form.scope) {
        const asked = scopeSet(form.scope);
        const granted = scopeSet(token.scope);
        if ([...asked].some((s) => !granted.has(s)))
          throw new OAuthError('invalid_scope', 'A refresh cannot widen the scope.');
        scope = [...asked].join(' ');
      }
      return respond(client, grant, scope, true);
    },

    async clientCredentials(client: ClientRow, form: Record<string, string>): Promise<TokenResponse> {
      allowed(client, 'client_credentials');
      if (client.type !== 'confidential')
        throw new OAuthError('unauthorized_client', 'Only confidential clients may.');
      const userScopes: readonly string[] = USER_SCOPES;
      const serviceScopes = client.scopes.filter((s) => !userScopes.includes(s));
      const asked = form.scope ? [...scopeSet(form.scope)] : serviceScopes;
      const refused = asked.filter((s) => !serviceScopes.includes(s));
      if (refused.length) throw new OAuthError('invalid_scope', `Scopes not allowed: ${refused.join(' ')}.`);
      const scope = asked.join(' ');
      const access = await tokens.accessToken({
        subject: client.id,
        clientId: client.id,
        audience: deps.issuer,
        scope,
      });
      return { access_token: access.token, token_type: 'Bearer', expires_in: access.expiresIn, scope };
    },
  };
}

export type TokenEndpoint = ReturnType<typeof createTokenEndpoint>;
