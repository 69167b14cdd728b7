import { shellApi } from '@orbit/contracts';
import { endpointRoutes } from '@orbit/http';
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { Accounts } from '../accounts/index.js';
import { requireScope, type ServiceApiEnv, serviceBearer } from '../api-v1/index.js';
import { AppError } from '../http/errors.js';
import type { Clients, Tokens } from '../oidc/index.js';
import type { ServiceRegistry } from './registry.js';
import { launcherEntry } from './routes.js';

const subParam = z.uuid();

const accountId = (value: string | undefined) => {
  const sub = subParam.safeParse(value);
  if (!sub.success) {
    throw new AppError(400, 'request.invalid', 'The account id must be a UUID.', [
      { path: 'sub', message: 'must be a UUID' },
    ]);
  }
  return sub.data.toLowerCase();
};

/**
 * `/api/v1/shell` (docs/services.md, "The web side"): what the service shell every service page shows needs from
 * the hub, with the service's `client_credentials` token, through its SDK — the page itself never talks to the
 * hub (no CORS, no hub cookie on another origin).
 *
 * - `GET /launcher`: the launcher's services, as the portal's launcher lists them, with absolute URLs. No scope:
 *   every service's name and icon is public (the icon route needs no session).
 * - `GET /preferences/:sub`: the account's language (`accounts:read`).
 * - `PUT /preferences/:sub` `{ locale }`: sets it, when the user picks a language in a service's menu
 *   (`accounts:locale`; the SDK sends it only for the user of the session the request carries).
 */
export function serviceShellApi(deps: {
  tokens: Pick<Tokens, 'verifyAccessToken'>;
  clients: Pick<Clients, 'get'>;
  issuer: string;
  accounts: Pick<Accounts, 'byId' | 'updateProfile'>;
  registry: Pick<ServiceRegistry, 'listEnabled'>;
}) {
  const { accounts, issuer } = deps;
  const notFound = () => new AppError(404, 'account.not_found', 'No such account.');
  // An account id that isn't a UUID is refused before the body is read, as it always was.
  const subPath: MiddlewareHandler<ServiceApiEnv> = async (c, next) => {
    accountId(c.req.param('sub'));
    await next();
  };
  const routes = endpointRoutes<ServiceApiEnv>('/api/v1/shell')
    .on(shellApi.launcher, async (c) => {
      const services = (await deps.registry.listEnabled()).map(launcherEntry);
      return c.json({
        services: services.map((entry) => ({ ...entry, iconUrl: `${issuer}${entry.iconUrl}` })),
      });
    })
    .on(shellApi.preferences, requireScope('accounts:read'), async (c, { params }) => {
      const account = await accounts.byId(accountId(params.sub));
      if (!account) throw notFound();
      return c.json({ sub: account.id, locale: account.locale });
    })
    .on(shellApi.setLocale, requireScope('accounts:locale'), subPath, async (c, { params, body }) => {
      const sub = accountId(params.sub);
      if (!(await accounts.byId(sub))) throw notFound();
      const account = await accounts.updateProfile(sub, { locale: body.locale });
      return c.json({ sub: account.id, locale: account.locale });
    });
  return new Hono<ServiceApiEnv>()
    .use(serviceBearer(deps))
    .use(async function noStore(c, next) {
      c.header('Cache-Control', 'no-store');
      await next();
    })
    .route('/', routes.app);
}
