import type { MiddlewareHandler } from 'hono';
import type { HubEnv } from '../env.js';
import { AppError } from '../http/errors.js';
import type { Clients, Tokens } from '../oidc/index.js';
import { scopeSet } from '../oidc/index.js';

/** The service calling the hub's service API, and the scopes its token carries (and its client still has). */
export interface ServiceCaller {
  clientId: string;
  scopes: Set<string>;
}

export interface ServiceApiEnv {
  Variables: HubEnv['Variables'] & { caller: ServiceCaller };
}

/** RFC 6750 §3: the challenge names the error; with no credentials at all it names none. */
const invalidToken = (description?: string) =>
  new AppError(401, 'token.invalid', description ?? 'A bearer access token is required.', undefined, {
    'WWW-Authenticate': description
      ? `Bearer realm="orbit", error="invalid_token", error_description="${description}"`
      : 'Bearer realm="orbit"',
  });

const BEARER = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)$/i;

/**
 * Authenticates a service by its `client_credentials` access token (RFC 6750): signed by us, live, meant for
 * the hub itself (audience = the issuer; tokens issued to a client for users have the client as audience),
 * and issued to a client that exists and is enabled. A token outlives scope changes by at most its lifetime,
 * so only scopes the client still has count.
 */
export function serviceBearer({
  tokens,
  clients,
  issuer,
}: {
  tokens: Pick<Tokens, 'verifyAccessToken'>;
  clients: Pick<Clients, 'get'>;
  issuer: string;
}): MiddlewareHandler<ServiceApiEnv> {
  return async function serviceBearer(c, next) {
    const header = c.req.header('authorization');
    if (!header) throw invalidToken();
    const token = BEARER.exec(header.trim())?.[1];
    if (!token) throw invalidToken('The Authorization header is not a bearer token.');
    const claims = await tokens.verifyAccessToken(token);
    if (!claims) throw invalidToken('The access token is not valid.');
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(issuer) || claims.gid) {
      throw invalidToken('The access token is not a client_credentials token for the hub.');
    }
    const client = await clients.get(claims.client_id);
    if (!client || client.disabledAt) throw invalidToken('The client is unknown or disabled.');
    const scopes = new Set([...scopeSet(claims.scope)].filter((s) => client.scopes.includes(s)));
    c.set('caller', { clientId: client.id, scopes });
    await next();
  };
}

/** 403 `token.insufficient_scope` unless the caller's token carries `scope` (RFC 6750 §3.1). */
export function requireScope(scope: string): MiddlewareHandler<ServiceApiEnv> {
  return async function requireScope(c, next) {
    if (!c.get('caller').scopes.has(scope)) {
      throw new AppError(
        403,
        'token.insufficient_scope',
        `This call needs the ${scope} scope.`,
        { scope },
        {
          'WWW-Authenticate': `Bearer realm="orbit", error="insufficient_scope", scope="${scope}"`,
        },
      );
    }
    await next();
  };
}
