import { oidcApi } from '@orbit/contracts';
import { endpointRoutes, type RouteMiddleware } from '@orbit/http';
import type { Context } from 'hono';
import type { EntitlementSource } from '../api-v1/index.js';
import type { Clock } from '../clock.js';
import type { HubEnv } from '../env.js';
import type { IdentityDb } from '../kernel/db.js';
import {
  ACR_PASSKEY,
  ACR_PASSWORD,
  membershipClaims,
  rolesClaims,
  type ServiceRolesSource,
  scopeSet,
  userClaims,
} from './claims.js';
import type { AuthenticateClient } from './clients/authenticate.js';
import { type Clients, KNOWN_SCOPES } from './clients/clients.js';
import { invalidRequest, OAuthError } from './errors.js';
import type { Grants } from './grants.js';
import type { KeyStore } from './keys/keys.js';
import { revokedAccessTokens } from './schema.js';
import { TOKEN_EXCHANGE_GRANT, type TokenEndpoint } from './token-endpoint.js';
import type { Tokens, VerifiedAccessToken } from './tokens.js';

export const OIDC_BASE = '/oidc';

export function discoveryDocument(issuer: string) {
  const endpoint = (path: string) => `${issuer}${OIDC_BASE}${path}`;
  const authMethods = ['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none'];
  return {
    issuer,
    authorization_endpoint: endpoint('/authorize'),
    token_endpoint: endpoint('/token'),
    userinfo_endpoint: endpoint('/userinfo'),
    jwks_uri: endpoint('/jwks'),
    revocation_endpoint: endpoint('/revoke'),
    introspection_endpoint: endpoint('/introspect'),
    end_session_endpoint: endpoint('/logout'),
    backchannel_logout_supported: true,
    backchannel_logout_session_supported: true,
    frontchannel_logout_supported: false,
    scopes_supported: [...KNOWN_SCOPES],
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: [
      'authorization_code',
      'refresh_token',
      'client_credentials',
      TOKEN_EXCHANGE_GRANT,
    ],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256', 'ES256'],
    token_endpoint_auth_methods_supported: authMethods,
    token_endpoint_auth_signing_alg_values_supported: ['RS256', 'ES256', 'PS256', 'EdDSA'],
    revocation_endpoint_auth_methods_supported: authMethods,
    introspection_endpoint_auth_methods_supported: authMethods.filter((m) => m !== 'none'),
    code_challenge_methods_supported: ['S256'],
    prompt_values_supported: ['none', 'login', 'consent'],
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'nonce',
      'acr',
      'amr',
      'sid',
      'azp',
      'name',
      'preferred_username',
      'picture',
      'updated_at',
      'account_number',
      'email',
      'email_verified',
      'membership',
      'roles',
    ],
    acr_values_supported: [ACR_PASSWORD, ACR_PASSKEY],
    ui_locales_supported: ['en', 'zh-CN'],
    claims_parameter_supported: false,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
    authorization_response_iss_parameter_supported: true,
  };
}

/**
 * The form endpoints' parameters are validated by their declarations (`@orbit/contracts`' `oidcApi`): a body
 * that is no form, a repeated parameter or text that can't be stored is an OAuth `invalid_request`.
 */
const oauthInvalid = (problems: { path: string; message: string }[]) =>
  invalidRequest(
    problems.map((p) => (p.path === '(body)' ? p.message : `${p.path} ${p.message}`)).join('; '),
  );

/** RFC 6749 §5.1: token responses, and their errors, are never cached. */
const noStore: RouteMiddleware = async (c, next) => {
  c.header('Cache-Control', 'no-store');
  c.header('Pragma', 'no-cache');
  await next();
};

/** The provider's back-channel endpoints: discovery, keys, token, userinfo, revocation, introspection. */
export function oidcRoutes(deps: {
  db: IdentityDb;
  clock: Clock;
  issuer: string;
  jwksMaxAgeSeconds: number;
  keys: KeyStore;
  tokens: Tokens;
  grants: Grants;
  authenticateClient: AuthenticateClient;
  clients: Clients;
  tokenEndpoint: TokenEndpoint;
  /** What the `membership` claim is read from. */
  membership: EntitlementSource;
  /** What the `roles` claim of a service's tokens is read from. */
  serviceRoles: ServiceRolesSource;
}) {
  const { tokens, grants, authenticateClient, tokenEndpoint } = deps;
  const discovery = discoveryDocument(deps.issuer);

  /** Access tokens still valid: signature, expiry, not revoked, their grant not revoked, their client enabled. */
  async function liveAccessToken(token: string): Promise<VerifiedAccessToken | undefined> {
    // Its grant too, when it has one (verifyAccessToken).
    const claims = await tokens.verifyAccessToken(token);
    if (!claims) return undefined;
    const issuedTo = await deps.clients.get(claims.client_id);
    if (!issuedTo || issuedTo.disabledAt) return undefined;
    return claims;
  }

  const bearerError = (c: Context, description: string, error = 'invalid_token') => {
    c.header('WWW-Authenticate', `Bearer error="${error}", error_description="${description}"`);
    return c.json({ error, error_description: description }, error === 'insufficient_scope' ? 403 : 401);
  };

  const userinfo = async (c: Context<HubEnv>) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)$/i.exec(header);
    if (!match?.[1]) {
      c.header('WWW-Authenticate', 'Bearer');
      return c.json({ error: 'invalid_token', error_description: 'A bearer access token is required.' }, 401);
    }
    // One round trip for a live user's token and its account; the client from memory.
    const user = await tokens.userOfAccessToken(match[1]);
    const issuedTo = user && (await deps.clients.get(user.claims.client_id));
    if (!user || !issuedTo || issuedTo.disabledAt) {
      // Not a live user's token: the full check says which answer it gets.
      const claims = await liveAccessToken(match[1]);
      if (!claims) return bearerError(c, 'The access token is not valid.');
      if (!scopeSet(claims.scope ?? '').has('openid'))
        return bearerError(c, 'The token lacks the openid scope.', 'insufficient_scope');
      return bearerError(c, 'The account no longer exists.');
    }
    const { claims, account } = user;
    const scopes = scopeSet(claims.scope ?? '');
    if (!scopes.has('openid'))
      return bearerError(c, 'The token lacks the openid scope.', 'insufficient_scope');
    // Side by side: the membership and roles as they are now (not copied from the token).
    const [membership, roles] = await Promise.all([
      membershipClaims(deps.membership, claims.sub, claims.client_id, scopes),
      rolesClaims(deps.serviceRoles, claims.sub, claims.client_id),
    ]);
    c.header('Cache-Control', 'no-store');
    return c.json({ ...userClaims(account, scopes, deps.issuer), ...membership, ...roles });
  };

  const routes = endpointRoutes<HubEnv>(OIDC_BASE, { invalid: oauthInvalid })
    .on(oidcApi.jwks, async (c) => {
      c.header('Cache-Control', `public, max-age=${deps.jwksMaxAgeSeconds}`);
      return c.json(await deps.keys.jwks(), 200, { 'Content-Type': 'application/jwk-set+json' });
    })
    .on(oidcApi.token, noStore, async (c, { body }) => {
      const form = body as Record<string, string>;
      const client = await authenticateClient(c.req.header('authorization'), form);
      switch (form.grant_type) {
        case 'authorization_code':
          return c.json(await tokenEndpoint.authorizationCode(client, form));
        case 'refresh_token':
          return c.json(await tokenEndpoint.refreshToken(client, form));
        case 'client_credentials':
          return c.json(await tokenEndpoint.clientCredentials(client, form));
        case TOKEN_EXCHANGE_GRANT:
          return c.json(await tokenEndpoint.tokenExchange(client, form));
        case undefined:
          throw invalidRequest('grant_type is required.');
        default:
          throw new OAuthError('unsupported_grant_type', `The ${form.grant_type} grant is not supported.`);
      }
    })
    .on(oidcApi.userinfo, userinfo)
    .on(oidcApi.userinfoPost, userinfo)
    .on(oidcApi.revoke, async (c, { body }) => {
      const form = body as Record<string, string>;
      const client = await authenticateClient(c.req.header('authorization'), form);
      if (!form.token) throw invalidRequest('token is required.');
      // RFC 7009 §2.2: answer 200 whether or not the token was known, so revocation reveals nothing.
      const refresh = await grants.findRefreshToken(form.token);
      if (refresh) {
        if (refresh.grant.clientId === client.id) await grants.revoke(refresh.grant.id, 'revoked_by_client');
        return c.body(null, 200);
      }
      const access = await tokens.verifyAccessToken(form.token);
      if (access && access.client_id === client.id) {
        await deps.db
          .insert(revokedAccessTokens)
          .values({ jti: access.jti, expiresAt: new Date(access.exp * 1000) })
          .onConflictDoNothing();
      }
      return c.body(null, 200);
    })
    .on(oidcApi.introspect, async (c, { body }) => {
      c.header('Cache-Control', 'no-store');
      const form = body as Record<string, string>;
      const client = await authenticateClient(c.req.header('authorization'), form);
      if (client.type !== 'confidential')
        throw new OAuthError('invalid_client', 'Only confidential clients may introspect.', 401);
      if (!form.token) throw invalidRequest('token is required.');
      const access = await liveAccessToken(form.token);
      // A client learns only about tokens meant for it or issued to it.
      if (
        access &&
        (access.aud === client.id ||
          access.client_id === client.id ||
          (Array.isArray(access.aud) && access.aud.includes(client.id)))
      ) {
        return c.json({
          active: true,
          token_type: 'Bearer',
          scope: access.scope,
          client_id: access.client_id,
          sub: access.sub,
          aud: access.aud,
          iss: access.iss,
          exp: access.exp,
          iat: access.iat,
          jti: access.jti,
          ...(access.sid ? { sid: access.sid } : {}),
          // A user's token (it has a grant; a client_credentials one has none): the roles as they are now.
          ...(access.gid ? await rolesClaims(deps.serviceRoles, access.sub, access.client_id) : {}),
        });
      }
      const refresh = await grants.findRefreshToken(form.token);
      if (
        refresh &&
        refresh.grant.clientId === client.id &&
        !refresh.token.usedAt &&
        !refresh.grant.revokedAt &&
        refresh.token.expiresAt > deps.clock.now()
      ) {
        return c.json({
          active: true,
          token_type: 'refresh_token',
          scope: refresh.token.scope,
          client_id: client.id,
          sub: refresh.grant.accountId,
          exp: Math.floor(refresh.token.expiresAt.getTime() / 1000),
          iat: Math.floor(refresh.token.createdAt.getTime() / 1000),
          ...(refresh.grant.accountId
            ? await rolesClaims(deps.serviceRoles, refresh.grant.accountId, client.id)
            : {}),
        });
      }
      return c.json({ active: false });
    }).app;

  return {
    discovery: (c: Context) => {
      c.header('Cache-Control', 'public, max-age=3600');
      return c.json(discovery);
    },
    routes,
  };
}
