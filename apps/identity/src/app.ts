import {
  errorHandler,
  limitBody,
  notFoundHandler,
  orbitSecureHeaders,
  refuseInvalidPathText,
} from '@orbit/http';
import { createJobQueue } from '@orbit/jobs';
import { type Context, Hono } from 'hono';
import { requestId } from 'hono/request-id';
import type { Logger } from 'pino';
import { accountLifecycleModule } from './account-lifecycle/index.js';
import { accountsModule } from './accounts/index.js';
import { adminModule } from './admin/index.js';
import { apiV1Module, SERVICE_API_BASE } from './api-v1/index.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { dataExportModule } from './data-export/index.js';
import { emailModule } from './email/index.js';
import type { HubEnv } from './env.js';
import { healthModule } from './health/index.js';
import { housekeepingModule } from './housekeeping/index.js';
import { AppError } from './http/errors.js';
import { clientAddress, requestLogging, sameOriginWrites } from './http/middleware.js';
import type { IdentityDb } from './kernel/db.js';
import type { PaymentProvider } from './membership/index.js';
import { membershipModule } from './membership/index.js';
import {
  buildServices,
  type CheckModules,
  defineModule,
  type HubContext,
  type HubRoutes,
  type HubWeb,
} from './module.js';
import { notificationsModule } from './notifications/index.js';
import { OAuthError, OIDC_BASE, oidcFlowModule, oidcModule } from './oidc/index.js';
import { openApiRoutes } from './openapi.js';
import { passkeysModule } from './passkeys/index.js';
import { portalModule } from './portal/index.js';
import { recoveryModule } from './recovery/index.js';
import { securityModule } from './security/index.js';
import { servicesModule } from './services/index.js';
import { loadSession, sessionCookie, sessionsModule } from './sessions/index.js';
import { setupModule } from './setup/index.js';
import { deviceCookie, signInModule } from './sign-in/index.js';
import { socialModule } from './social/index.js';

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The hub's modules, once (module.ts has the contract; docs/architecture.md "The hub's modules"). The order is
 * the order their services are built in (each takes what it needs from those before it, checked below), their
 * start hooks run in, and their routes are mounted in. A folder whose services sit at two depths contributes two
 * entries (`accounts` and `account-lifecycle`, `oidc` and `oidc-flow`).
 */
export const HUB_MODULES = [
  healthModule,
  // The OpenAPI document of every route (openapi.ts), before `/api`'s catch-all 404.
  defineModule({ name: 'openapi', pages: ({ config }) => openApiRoutes(config) }),
  securityModule,
  accountsModule,
  sessionsModule,
  emailModule,
  passkeysModule,
  signInModule,
  oidcModule,
  servicesModule,
  membershipModule,
  socialModule,
  notificationsModule,
  oidcFlowModule,
  recoveryModule,
  accountLifecycleModule,
  adminModule,
  setupModule,
  dataExportModule,
  apiV1Module,
  housekeepingModule,
  portalModule,
] as const;

/** Fails to compile when a module needs one listed after it, or its routes use services no module exports. */
const modulesInOrder: CheckModules<typeof HUB_MODULES> = true;
void modulesInOrder;

export interface AppDeps {
  db: IdentityDb;
  /** Encrypts signing keys at rest (see oidc/keys/encryption.ts). */
  keyEncryptionKey: Buffer;
  /** Throws when the database can't be reached (for `/readyz`). */
  ping: () => Promise<void>;
  /** True once the process is stopping (`RunningHub.drain`); never, unless given. */
  stopping?: () => boolean;
  clock: Clock;
  logger: Logger;
  /** Outbound HTTP (the hub asking services for launcher badges); the global `fetch` unless given. */
  fetch?: typeof globalThis.fetch;
  /** Takes the membership payments; the built-in sandbox (membership/payments/sandbox.ts) unless given. */
  paymentProvider?: PaymentProvider;
  /** Where the development outbox prints messages (no SMTP configured); standard output unless given. */
  print?: (block: string) => void;
}

/** The hub's domain services, every module's, built from their dependencies; no HTTP. The CLI uses these. */
export function createServices(
  config: Config,
  {
    db,
    clock,
    keyEncryptionKey,
    fetch,
    logger,
    paymentProvider,
    print,
  }: Pick<AppDeps, 'db' | 'clock' | 'keyEncryptionKey' | 'fetch' | 'paymentProvider' | 'print'> &
    Partial<Pick<AppDeps, 'logger'>>,
) {
  const ctx: HubContext = {
    config,
    db,
    clock,
    keyEncryptionKey,
    logger,
    fetch,
    paymentProvider,
    print: print ?? ((block) => process.stdout.write(block)),
    queue: createJobQueue({ db, clock }),
  };
  return { queue: ctx.queue, ...buildServices(HUB_MODULES, ctx) };
}

export type HubServices = ReturnType<typeof createServices>;

/** Wires the hub once: every module's services, then their routes. Nothing here listens. */
export function createApp(config: Config, deps: AppDeps) {
  const { db, logger } = deps;
  const services = createServices(config, deps);
  const web: HubWeb = {
    config,
    db,
    clock: deps.clock,
    ping: deps.ping,
    stopping: deps.stopping ?? (() => false),
    cookie: sessionCookie(config),
    devices: deviceCookie(config, services.deviceTrust),
  };
  type Mount = 'routes' | 'adminRoutes' | 'serviceApi' | 'oidc' | 'pages' | 'fallback';
  const mount = (app: Hono<HubEnv>, kind: Mount, path: string) => {
    for (const module of HUB_MODULES) {
      const routes = (module as { [K in Mount]?: (web: HubWeb, s: HubServices) => HubRoutes })[kind];
      if (routes) app.route(path, routes(web, services));
    }
    return app;
  };

  const api = new Hono<HubEnv>()
    .use(
      limitBody({
        maxSize: MAX_BODY_BYTES,
        onError: () => {
          throw new AppError(413, 'request.too_large', 'The request body is larger than 1 MiB.');
        },
      }),
    )
    .use(sameOriginWrites(config.issuer))
    .use(loadSession(services.sessions, web.cookie));
  mount(api, 'routes', '/');
  mount(api, 'adminRoutes', '/');
  api.all('*', () => {
    throw new AppError(404, 'route.not_found', 'No such API route.');
  });

  const app = new Hono<HubEnv>()
    .use(requestId())
    .use(requestLogging(logger))
    .use(clientAddress(config.trustProxy))
    // A NUL in the path would reach a query as a route parameter: refused before any route reads it.
    .use(refuseInvalidPathText())
    // A route may set a stricter or page-specific policy of its own (the logout confirmation does).
    .use(orbitSecureHeaders({ https: config.secureCookies }));
  mount(app, 'pages', '/');
  // Before `/api`, whose browser session and same-origin checks are not for servers calling with a token.
  mount(app, 'serviceApi', SERVICE_API_BASE);
  app.route('/api', api);
  mount(app, 'oidc', OIDC_BASE);
  mount(app, 'fallback', '/');

  const log = (c: Context) => (c.get('log') as Logger | undefined) ?? logger;
  const shared = errorHandler(
    (error, c) => log(c).error({ err: error }, 'unhandled error'),
    // Expected while the database restarts: the request gets a 503 and the pool connects again by itself.
    (error, c) => log(c).warn({ err: error }, 'database unavailable'),
  );
  // OIDC endpoints keep the RFC 6749 `error` / `error_description` shape; everything else the one error shape.
  app.onError((error, c) =>
    error instanceof OAuthError ? c.json(error.toBody(), error.status, error.headers) : shared(error, c),
  );
  app.notFound(notFoundHandler);

  return { app, services };
}

export type HubApp = ReturnType<typeof createApp>['app'];
