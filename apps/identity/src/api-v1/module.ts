import type { MembershipExports } from '../membership/index.js';
import { defineModule, type HubContext, uses } from '../module.js';
import type { OidcExports } from '../oidc/index.js';
import type { SocialExports } from '../social/index.js';
import { createAccountDirectory } from './directory.js';
import { createEntitlements } from './entitlements.js';
import { serviceApiRoutes } from './routes.js';

function apiServices(
  { db, config }: HubContext,
  d: Pick<MembershipExports, 'levels' | 'membershipEntitlements'>,
) {
  const accountDirectory = createAccountDirectory({ db, issuer: config.issuer, levels: d.levels });
  return {
    accountDirectory,
    entitlements: createEntitlements({ source: d.membershipEntitlements.source }),
  };
}

/** The hub's API for services (`/api/v1`, bearer tokens): the account directory, entitlements and the social graph. */
export const apiV1Module = defineModule({
  name: 'api-v1',
  uses: uses<OidcExports & Pick<SocialExports, 'social' | 'privacy'>>(),
  services: apiServices,
  serviceApi: ({ config }, s) =>
    serviceApiRoutes({
      tokens: s.tokens,
      clients: s.clients,
      issuer: config.issuer,
      directory: s.accountDirectory,
      entitlements: s.entitlements,
      social: s.social,
      privacy: s.privacy,
    }),
});
