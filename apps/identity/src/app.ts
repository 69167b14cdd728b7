import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { Logger } from 'pino';
import { createAccounts, type IdentityDb } from './accounts/accounts.js';
import { accountRoutes } from './accounts/routes.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { HubEnv } from './env.js';
import { healthRoutes } from './health/routes.js';
import { AppError } from './http/errors.js';
import { clientAddress, requestLogging, sameOriginWrites } from './http/middleware.js';
import { portalRoutes } from './portal/static.js';
import { loadSession, sessionCookie } from './sessions/middleware.js';
import { sessionRoutes } from './sessions/routes.js';
import { createSessions } from './sessions/sessions.js';
import { setupRoutes } from './setup/routes.js';
import { createSetup } from './setup/setup.js';
import { createPasswordSignIn } from './sign-in/sign-in.js';
import { createThrottle } from './sign-in/throttle.js';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface AppDeps {
  db: IdentityDb;
  /** Throws when the database can't be reached (for `/readyz`). */
  ping: () => Promise<void>;
  clock: Clock;
  logger: Logger;
}

/** The hub's domain services, built from their dependencies; no HTTP. The CLI uses these directly. */
export function createServices(config: Config, { db, clock }: Pick<AppDeps, 'db' | 'clock'>) {
  const accounts = createAccounts({ db, clock });
  const sessions = createSessions({ db, clock, config: config.session });
  const throttle = createThrottle({ db, clock, config: config.throttle });
  const signInWithPassword = createPasswordSignIn({ accounts, throttle, limits: config.throttle });
  const setup = createSetup({ db, clock, accounts, sessions, linkLifetimeMs: config.setupLinkMs });
  return { accounts, sessions, throttle, signInWithPassword, setup };
}

/** Wires the hub once: domain services, then routes. Nothing here listens. */
export function createApp(config: Config, deps: AppDeps) {
  const { db, logger } = deps;
  const services = createServices(config, deps);
  const { accounts, sessions, signInWithPassword, setup } = services;
  const cookie = sessionCookie(config);

  const api = new Hono<HubEnv>()
    .use(
      bodyLimit({
        maxSize: MAX_BODY_BYTES,
        onError: () => {
          throw new AppError(413, 'request.too_large', 'The request body is larger than 1 MiB.');
        },
      }),
    )
    .use(sameOriginWrites(config.issuer))
    .use(loadSession(sessions, cookie))
    .route('/', sessionRoutes({ sessions, cookie, signInWithPassword }))
    .route('/', accountRoutes({ db, accounts, sessions, cookie, signInWithPassword }))
    .route('/', setupRoutes({ setup, cookie }))
    .all('*', () => {
      throw new AppError(404, 'route.not_found', 'No such API route.');
    });

  const app = new Hono<HubEnv>()
    .use(requestId())
    .use(requestLogging(logger))
    .use(clientAddress(config.trustProxy))
    .use(
      secureHeaders({
        contentSecurityPolicy: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          scriptSrc: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          objectSrc: ["'none'"],
        },
        strictTransportSecurity: config.secureCookies ? 'max-age=31536000; includeSubDomains' : false,
      }),
    )
    .route('/', healthRoutes({ ping: deps.ping }))
    .route('/api', api)
    .route('/', portalRoutes({ portalDir: config.portalDir }));

  app.onError((error, c) => {
    if (error instanceof AppError) {
      return c.json(error.toBody(), error.status, error.headers);
    }
    if (error instanceof HTTPException && error.status < 500) {
      return c.json(
        { error: { code: 'request.rejected', message: error.message || 'Bad request.' } },
        error.status,
      );
    }
    (c.get('log') ?? logger).error({ err: error }, 'unhandled error');
    return c.json({ error: { code: 'internal', message: 'Something went wrong on our side.' } }, 500);
  });
  app.notFound((c) => c.json({ error: { code: 'route.not_found', message: 'Not found.' } }, 404));

  return { app, services };
}

export type HubApp = ReturnType<typeof createApp>['app'];
