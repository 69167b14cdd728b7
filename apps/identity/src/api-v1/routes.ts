import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { AppError } from '../http/errors.js';
import { readJson } from '../http/validate.js';
import type { Clients } from '../oidc/clients/clients.js';
import type { Tokens } from '../oidc/tokens.js';
import { requireScope, type ServiceApiEnv, serviceBearer } from './bearer.js';
import type { AccountDirectory } from './directory.js';
import type { EntitlementsService } from './entitlements.js';

/** Where the service API is mounted; outside `/api`, so the browser session and CSRF checks don't apply. */
export const SERVICE_API_BASE = '/api/v1';
export const MAX_BATCH = 100;
const MAX_BODY_BYTES = 64 * 1024;

const lookupBody = z
  .object({
    // Kept as given: the answer is keyed by the identifiers the service sent.
    identifiers: z.array(z.string().min(1).max(254)).min(1).max(MAX_BATCH),
  })
  .strict();

const profilesBody = z.object({ subs: z.array(z.uuid()).min(1).max(MAX_BATCH) }).strict();

const subParam = z.uuid();

/**
 * The hub's API for services (docs/services.md, "Hub endpoints a service uses"): server to server, with the
 * service's own `client_credentials` token.
 */
export function serviceApiRoutes(deps: {
  tokens: Pick<Tokens, 'verifyAccessToken'>;
  clients: Pick<Clients, 'get'>;
  issuer: string;
  directory: AccountDirectory;
  entitlements: EntitlementsService;
}) {
  const { directory, entitlements } = deps;
  return new Hono<ServiceApiEnv>()
    .use(
      bodyLimit({
        maxSize: MAX_BODY_BYTES,
        onError: () => {
          throw new AppError(413, 'request.too_large', 'The request body is larger than 64 KiB.');
        },
      }),
    )
    .use(serviceBearer(deps))
    .use(async function noStore(c, next) {
      c.header('Cache-Control', 'no-store');
      await next();
    })
    .post('/accounts/lookup', requireScope('accounts:read'), async (c) => {
      const { identifiers } = await readJson(c, lookupBody);
      return c.json(await directory.lookup(identifiers));
    })
    .post('/accounts/profiles', requireScope('accounts:read'), async (c) => {
      const { subs } = await readJson(c, profilesBody);
      return c.json({ accounts: await directory.profiles(subs) });
    })
    .get('/entitlements/:sub', requireScope('entitlements:read'), async (c) => {
      const sub = subParam.safeParse(c.req.param('sub'));
      if (!sub.success) {
        throw new AppError(400, 'request.invalid', 'The account id must be a UUID.', [
          { path: 'sub', message: 'must be a UUID' },
        ]);
      }
      return c.json(await entitlements.of(sub.data.toLowerCase(), c.get('caller').clientId));
    })
    .all('*', () => {
      throw new AppError(404, 'route.not_found', 'No such API route.');
    });
}
