import { MAX_ACCOUNT_BATCH, serviceApi } from '@orbit/contracts';
import { endpointRoutes, limitBody } from '@orbit/http';
import { AppError } from '../http/errors.js';
import type { Clients, Tokens } from '../oidc/index.js';
import type { Privacy, Social } from '../social/index.js';
import { requireScope, type ServiceApiEnv, serviceBearer } from './bearer.js';
import type { AccountDirectory } from './directory.js';
import type { EntitlementsService } from './entitlements.js';

/** Where the service API is mounted; outside `/api`, so the browser session and CSRF checks don't apply. */
export const SERVICE_API_BASE = '/api/v1';
export const MAX_BATCH = MAX_ACCOUNT_BATCH;
const MAX_BODY_BYTES = 64 * 1024;

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
  social: Pick<Social, 'serviceRelationships' | 'friendsOf'>;
  privacy: Pick<Privacy, 'defaultAudience'>;
}) {
  const { directory, entitlements, social, privacy } = deps;
  const noAccount = () => new AppError(404, 'account.not_found', 'No such account.');
  const routes = endpointRoutes<ServiceApiEnv>(SERVICE_API_BASE);
  routes.app
    .use(
      limitBody({
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
    });
  return (
    routes
      .on(serviceApi.lookupAccounts, requireScope('accounts:read'), async (c, { body }) =>
        c.json(await directory.lookup(body.identifiers)),
      )
      .on(serviceApi.profiles, requireScope('accounts:read'), async (c, { body }) =>
        c.json({ accounts: await directory.profiles(body.subs) }),
      )
      .on(serviceApi.entitlements, requireScope('entitlements:read'), async (c, { params }) =>
        c.json(await entitlements.of(params.sub.toLowerCase(), c.get('caller').clientId)),
      )
      // The social graph for services (issue 19): the viewer's view of up to 100 accounts, and one's friends.
      .on(serviceApi.socialRelationships, requireScope('social:read'), async (c, { body }) => {
        const ids = body.ids.map((id) => id.toLowerCase());
        const relationships = await social.serviceRelationships(body.viewer.toLowerCase(), ids);
        if (!relationships) throw noAccount();
        return c.json({ relationships });
      })
      .on(serviceApi.socialFriends, requireScope('social:read'), async (c, { params }) => {
        const sub = params.sub.toLowerCase();
        const friends = await social.friendsOf(sub);
        if (!friends) throw noAccount();
        // What the account's new posts default to (the privacy centre), for a service's audience picker.
        return c.json({ ...friends, defaultAudience: await privacy.defaultAudience(sub) });
      })
      .app.all('*', () => {
        throw new AppError(404, 'route.not_found', 'No such API route.');
      })
  );
}
