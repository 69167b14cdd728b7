import { serviceApi } from '@orbit/contracts';
import { endpointRoutes } from '@orbit/http';
import { type ServiceApiEnv, serviceBearer } from '../api-v1/index.js';
import type { Clients, Tokens } from '../oidc/index.js';
import type { ServiceRoles } from './roles.js';

/**
 * `GET /api/v1/roles/:sub` (docs/services.md): a service's own roles of an account as they are now — what the
 * `roles` claim of its next token would say — with its `client_credentials` token. No scope asks for it: a
 * service reads only its own roles. The SDK's `requireRole()` checks with it, so a revocation takes effect in
 * seconds rather than at the service session's end.
 */
export function serviceRolesApi(deps: {
  tokens: Pick<Tokens, 'verifyAccessToken'>;
  clients: Pick<Clients, 'get'>;
  issuer: string;
  roles: Pick<ServiceRoles, 'claimFor'>;
}) {
  const routes = endpointRoutes<ServiceApiEnv>(`${serviceApi.roles.path.replace('/:sub', '')}`);
  routes.app.use(serviceBearer(deps));
  return routes.on(serviceApi.roles, async (c, { params }) => {
    const account = params.sub.toLowerCase();
    c.header('Cache-Control', 'no-store');
    return c.json({
      sub: account,
      roles: (await deps.roles.claimFor(account, c.get('caller').clientId)) ?? [],
    });
  }).app;
}
