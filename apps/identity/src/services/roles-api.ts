import { Hono } from 'hono';
import { z } from 'zod';
import { type ServiceApiEnv, serviceBearer } from '../api-v1/bearer.js';
import { AppError } from '../http/errors.js';
import type { Clients } from '../oidc/clients/clients.js';
import type { Tokens } from '../oidc/tokens.js';
import type { ServiceRoles } from './roles.js';

const subParam = z.uuid();

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
  return new Hono<ServiceApiEnv>().use(serviceBearer(deps)).get('/:sub', async (c) => {
    const sub = subParam.safeParse(c.req.param('sub'));
    if (!sub.success) {
      throw new AppError(400, 'request.invalid', 'The account id must be a UUID.', [
        { path: 'sub', message: 'must be a UUID' },
      ]);
    }
    const account = sub.data.toLowerCase();
    c.header('Cache-Control', 'no-store');
    return c.json({
      sub: account,
      roles: (await deps.roles.claimFor(account, c.get('caller').clientId)) ?? [],
    });
  });
}
