import { Hono } from 'hono';
import { type ServiceApiEnv, serviceBearer } from '../api-v1/index.js';
import { AppError } from '../http/errors.js';
import type { Clients, Tokens } from '../oidc/index.js';
import { SERVICE_RESOURCE_PREFIX, type ServiceCalls } from './calls.js';

/**
 * `GET /api/v1/calls/:service` (docs/services.md, "Calling another service"): where the calling service finds
 * another service's API — its origin, the `resource` to ask tokens for, and the scopes this caller may carry
 * there now (requested ∩ offered ∩ approved). With the caller's `client_credentials` token for the hub; no
 * scope asks for it. The SDK's `orbit.call()` reads it once and caches it. A disabled or unknown service is a
 * 404 `service.not_found`: nothing tells a caller which services exist that it could not call anyway.
 */
export function serviceCallsApi(deps: {
  tokens: Pick<Tokens, 'verifyAccessToken'>;
  clients: Pick<Clients, 'get'>;
  issuer: string;
  calls: Pick<ServiceCalls, 'resolveResource' | 'grantedScopes' | 'originOf'>;
}) {
  return new Hono<ServiceApiEnv>().use(serviceBearer(deps)).get('/:service', async (c) => {
    const id = c.req.param('service');
    const target = await deps.calls.resolveResource(`${SERVICE_RESOURCE_PREFIX}${id}`);
    const origin = target && (await deps.calls.originOf(target.id));
    if (!target || !origin) throw new AppError(404, 'service.not_found', `No service ${id}.`);
    const scopes = await deps.calls.grantedScopes(c.get('caller').clientId, target);
    c.header('Cache-Control', 'no-store');
    return c.json({
      service: target.id,
      origin,
      resource: `${SERVICE_RESOURCE_PREFIX}${target.id}`,
      scopes: [...scopes].sort(),
    });
  });
}
