import { Hono } from 'hono';
import type { Accounts } from '../accounts/index.js';
import type { HubEnv } from '../env.js';
import type { MembershipExports } from '../membership/index.js';
import { defineModule, type HubContext, uses } from '../module.js';
import type { ServiceRoles } from '../services/index.js';
import type { Sessions } from '../sessions/index.js';
import { loadSession } from '../sessions/index.js';
import { browserBinding } from './authorize/browser-binding.js';
import { createAuthorizationFlow } from './authorize/flow.js';
import { authorizeRoutes, consentApiRoutes } from './authorize/routes.js';
import { createClientAuthenticator } from './clients/authenticate.js';
import { createClientCache } from './clients/cache.js';
import { createClients } from './clients/clients.js';
import { consentRoutes, createConsents } from './consents.js';
import { createGrants } from './grants.js';
import { createSecretBox } from './keys/encryption.js';
import { createKeyStore } from './keys/keys.js';
import { BACKCHANNEL_QUEUE, createBackchannelLogout } from './logout/backchannel.js';
import { logoutRoutes } from './logout/routes.js';
import { discoveryDocument, OIDC_BASE, oidcRoutes } from './routes.js';
import { oidcSchema } from './schema.js';
import { type CallScopes, createTokenEndpoint } from './token-endpoint.js';
import { createTokens } from './tokens.js';

/** How often ended sessions are looked for (revocations also trigger a sweep at once). */
const SWEEP_INTERVAL_MS = 15_000;

function oidcServices(
  { db, clock, config, keyEncryptionKey, queue }: HubContext,
  { sessions }: { sessions: Sessions },
) {
  const clients = createClients({ db, clock, cache: createClientCache() });
  const keys = createKeyStore({
    db,
    clock,
    box: createSecretBox(keyEncryptionKey),
    publishAheadMs: config.oidc.jwksMaxAgeSeconds * 2 * 1000,
    maxTokenLifetimeMs: Math.max(config.oidc.accessTokenMs, config.oidc.idTokenMs),
  });
  const tokens = createTokens({ db, clock, keys, config });
  const grants = createGrants({
    db,
    clock,
    codeMs: config.oidc.codeMs,
    refreshTokenMs: config.oidc.refreshTokenMs,
    refreshTokenMaxMs: config.oidc.refreshTokenMaxMs,
  });
  const authenticateClient = createClientAuthenticator({
    db,
    clock,
    clients,
    audiences: [
      config.issuer,
      `${config.issuer}${OIDC_BASE}/token`,
      `${config.issuer}${OIDC_BASE}/introspect`,
      `${config.issuer}${OIDC_BASE}/revoke`,
    ],
  });
  const backchannel = createBackchannelLogout({ db, clock, queue, tokens, clients, session: config.session });
  sessions.onEnd(async () => {
    await backchannel.sweep();
  });
  return {
    clients,
    keys,
    tokens,
    grants,
    authenticateClient,
    consents: createConsents({ db, clock }),
    backchannel,
  };
}
export type OidcExports = ReturnType<typeof oidcServices>;

/**
 * The OpenID provider's core: clients, signing keys, tokens, grants, consents and back-channel logout. Early in
 * the list: services, membership and recovery build on its tokens and grants.
 */
export const oidcModule = defineModule({
  name: 'oidc',
  schema: oidcSchema,
  services: oidcServices,
  // Its own worker, four deliveries at a time, so sign-outs never wait behind other work; a 10 s lease (a
  // delivery gives up after 5 s) so a delivery a killed hub held is made again within seconds, not a minute.
  jobs: ({ backchannel }) => [
    { queue: BACKCHANNEL_QUEUE, handler: backchannel.deliver, concurrency: 4, leaseMs: 10_000 },
  ],
  // Ended sessions (including those that expired while the hub was down) become deliveries.
  timers: ({ backchannel }) => [
    { name: 'logout sweep', everyMs: SWEEP_INTERVAL_MS, task: backchannel.sweep },
  ],
  onStart: async ({ keys, clients }, { listen }) => {
    await keys.ensureKeys();
    // The token endpoint authenticates clients from memory while the database tells of every change.
    if (listen) await clients.watch(listen);
  },
  onStop: async ({ clients }) => {
    await clients.unwatch();
  },
});

function flowServices(
  { db, clock, config }: HubContext,
  d: OidcExports & { accounts: Accounts; serviceRoles: ServiceRoles; serviceCalls: CallScopes } & Pick<
      MembershipExports,
      'activity' | 'membershipEntitlements'
    >,
) {
  const flow = createAuthorizationFlow({
    db,
    clock,
    issuer: config.issuer,
    interactionMs: config.oidc.interactionMs,
    clients: d.clients,
    accounts: d.accounts,
    grants: d.grants,
    tokens: d.tokens,
    recordActivity: (accountId) => d.activity.record(accountId),
  });
  const tokenEndpoint = createTokenEndpoint({
    clock,
    issuer: config.issuer,
    accounts: d.accounts,
    grants: d.grants,
    tokens: d.tokens,
    membership: d.membershipEntitlements.source,
    serviceRoles: (accountId, clientId) => d.serviceRoles.claimFor(accountId, clientId),
    calls: d.serviceCalls,
  });
  return { flow, tokenEndpoint };
}

/**
 * Sign-in at services: `/oidc/authorize`, the token endpoint, userinfo, logout, discovery, and the consent API.
 * After membership and services, whose claims its tokens carry.
 */
export const oidcFlowModule = defineModule({
  name: 'oidc-flow',
  uses: uses<
    OidcExports & { accounts: Accounts; sessions: Sessions; serviceRoles: ServiceRoles } & Pick<
        MembershipExports,
        'membershipEntitlements'
      >
  >(),
  services: flowServices,
  // Fail at start, with a message that says what to set, rather than at the first sign-in.
  onStart: async ({ keys }) => {
    await keys.signingKey('RS256');
  },
  routes: ({ config }, s) => {
    const binding = browserBinding({ ...config, interactionMs: config.oidc.interactionMs });
    return new Hono<HubEnv>()
      .route('/', consentApiRoutes({ flow: s.flow, clients: s.clients, binding }))
      .route('/', consentRoutes({ consents: s.consents }));
  },
  pages: ({ config }) => {
    const discovery = discoveryDocument(config.issuer);
    return new Hono<HubEnv>().get('/.well-known/openid-configuration', (c) => {
      c.header('Cache-Control', 'public, max-age=3600');
      return c.json(discovery);
    });
  },
  oidc: ({ db, clock, config, cookie }, s) => {
    const binding = browserBinding({ ...config, interactionMs: config.oidc.interactionMs });
    const oidc = oidcRoutes({
      db,
      clock,
      issuer: config.issuer,
      jwksMaxAgeSeconds: config.oidc.jwksMaxAgeSeconds,
      keys: s.keys,
      tokens: s.tokens,
      grants: s.grants,
      authenticateClient: s.authenticateClient,
      tokenEndpoint: s.tokenEndpoint,
      clients: s.clients,
      membership: s.membershipEntitlements.source,
      serviceRoles: (accountId, clientId) => s.serviceRoles.claimFor(accountId, clientId),
    });
    return new Hono<HubEnv>()
      .use('*', loadSession(s.sessions, cookie))
      .route('/', authorizeRoutes({ flow: s.flow, clients: s.clients, issuer: config.issuer, binding }))
      .route('/', oidc.routes)
      .route('/', logoutRoutes({ clients: s.clients, tokens: s.tokens, sessions: s.sessions, cookie }));
  },
});
