import { Hono } from 'hono';
import type { Accounts } from '../accounts/index.js';
import type { AuditLog } from '../admin/index.js';
import type { IdentityDb } from '../kernel/db.js';
import { defineModule, type HubContext, uses } from '../module.js';
import type { OidcExports } from '../oidc/index.js';
import { createClients } from '../oidc/index.js';
import type { PasskeysExports } from '../passkeys/index.js';
import { adminServiceRoutes } from './admin-routes.js';
import { createBadges } from './badges.js';
import { createServiceCalls } from './calls.js';
import { adminServiceCallsRoutes } from './calls-admin-routes.js';
import { serviceCallsApi } from './calls-api.js';
import { createServiceRegistry, type ServiceRegistry } from './registry.js';
import { createServiceRoles } from './roles.js';
import { serviceRolesApi } from './roles-api.js';
import { serviceRolesRoutes } from './roles-routes.js';
import { launcherRoutes } from './routes.js';
import { platformSchema } from './schema.js';
import { serviceShellApi } from './shell-api.js';

function servicesServices({ db, clock, fetch }: HubContext, { clients, tokens }: OidcExports) {
  // Service roles (news.editor): the `roles` claim of each service's tokens, and the console's role catalog.
  const serviceRoles = createServiceRoles({ db });
  const serviceRegistry = createServiceRegistry({ db, clock, clients });
  /** Runs `work` in one transaction with the registry on it: a CLI write and its audit entry commit together. */
  const serviceRegistryTransaction = <T>(work: (registry: ServiceRegistry, tx: IdentityDb) => Promise<T>) =>
    db.transaction((tx) => work(registryOn(tx), tx));
  // On a transaction, with the same hooks: a registration's default tiers (membership) commit with it.
  const registryOn = (tx: IdentityDb) =>
    createServiceRegistry({
      db: tx,
      clock,
      clients: createClients({ db: tx, clock }),
      afterRegister: serviceRegistry.registrationHooks,
    });
  return {
    serviceRoles,
    serviceRegistry,
    serviceRegistryTransaction,
    // Calls between services: which scopes of which service a caller's tokens may carry.
    serviceCalls: createServiceCalls({ db, clock }),
    badges: createBadges({ registry: serviceRegistry, tokens, fetch }),
  };
}

/** Registered services: the registry and manifests, the launcher and its badges, service roles. */
export const servicesModule = defineModule({
  name: 'services',
  uses: uses<
    { audit: AuditLog } & Pick<PasskeysExports, 'stepUpCheck'> & OidcExports & { accounts: Accounts }
  >(),
  schema: platformSchema,
  services: servicesServices,
  routes: (_web, s) =>
    new Hono()
      .route('/', launcherRoutes({ registry: s.serviceRegistry, badges: s.badges }))
      .route('/', serviceRolesRoutes({ roles: s.serviceRoles })),
  adminRoutes: ({ db, clock, config }, s) =>
    new Hono()
      .route(
        '/',
        adminServiceRoutes({
          registry: s.serviceRegistry,
          registryOn: (tx) =>
            createServiceRegistry({
              db: tx,
              clock,
              clients: createClients({ db: tx, clock }),
              afterRegister: s.serviceRegistry.registrationHooks,
            }),
          stepUpCheck: s.stepUpCheck,
          audit: s.audit,
          credentialsFiles: { issuer: config.issuer, servicesDir: config.servicesDir },
        }),
      )
      .route(
        '/',
        adminServiceCallsRoutes({ db, calls: s.serviceCalls, stepUpCheck: s.stepUpCheck, audit: s.audit }),
      ),
  serviceApi: ({ config }, s) =>
    new Hono()
      .route(
        '/roles',
        serviceRolesApi({
          tokens: s.tokens,
          clients: s.clients,
          issuer: config.issuer,
          roles: s.serviceRoles,
        }),
      )
      .route(
        '/calls',
        serviceCallsApi({
          tokens: s.tokens,
          clients: s.clients,
          issuer: config.issuer,
          calls: s.serviceCalls,
        }),
      )
      .route(
        '/shell',
        serviceShellApi({
          tokens: s.tokens,
          clients: s.clients,
          issuer: config.issuer,
          accounts: s.accounts,
          registry: s.serviceRegistry,
        }),
      ),
});
