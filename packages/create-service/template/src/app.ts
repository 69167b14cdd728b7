import { fileURLToPath } from 'node:url';
import {
  AppError,
  errorHandler,
  healthRoutes,
  limitBody,
  notFoundHandler,
  orbitSecureHeaders,
  spaRoutes,
} from '@orbit/http';
import { createLogger } from '@orbit/log';
import {
  type Clock,
  createOrbitService,
  drizzleSessionStore,
  type OrbitService,
  serviceOpenApiRoutes,
} from '@orbit/sdk';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { serviceEndpoints } from './contracts.js';
import type { ServiceDb } from './database.js';
import { manifest } from './manifest.js';
import { createNotes } from './notes/notes.js';
import { noteRoutes } from './notes/routes.js';
import { noteServiceRoutes } from './notes/service-api.js';
import { sessions } from './schema.js';

/** The web pages `vite build` makes (dist/web), found from src/ and dist/ alike. */
const WEB_DIR = fileURLToPath(new URL('../dist/web', import.meta.url));

const MAX_BODY_BYTES = 64 * 1024;

export interface ServiceApp {
  app: Hono;
  orbit: OrbitService;
}

export interface AppDeps {
  db: ServiceDb;
  clock?: Clock;
  logger?: Logger;
  /** True once the process is stopping (`runService`'s lifecycle): readiness then answers 503. */
  stopping?: () => boolean;
}

/**
 * Wires the service: sign-in through the Orbit hub (the SDK's routes and session), the API, health checks and
 * the web pages, which only a signed-in user gets — anyone else is sent to the hub and back. Does not listen.
 */
export function createApp(config: Config, deps: AppDeps): ServiceApp {
  const { db } = deps;
  const clock = deps.clock ?? { now: () => new Date() };
  const logger =
    deps.logger ?? createLogger({ service: manifest.id, level: config.logLevel, format: config.logFormat });
  const orbit = createOrbitService({
    manifest,
    hubUrl: config.hubUrl,
    publicUrl: config.publicUrl,
    credentials: { file: config.credentialsFile },
    sessions: drizzleSessionStore(db, sessions),
    clock,
  });
  const notes = createNotes({ db, clock });
  const ping = async () => {
    await db.execute(sql`select 1`);
  };

  const app = new Hono()
    .use(
      orbitSecureHeaders({
        https: config.publicUrl.startsWith('https://'),
        // Signing out posts to /auth/logout, which redirects to the hub's logout page: allow that origin.
        formAction: [new URL(config.hubUrl).origin],
        // The shell's header shows the user's avatar and the app switcher's icons from the hub.
        imgSrc: [new URL(config.hubUrl).origin],
      }),
    )
    .route('/', healthRoutes({ ping, ...(deps.stopping ? { stopping: deps.stopping } : {}) }))
    .route('/', orbit.routes)
    // The OpenAPI 3.1 document of this service's API, from ./contracts.ts (public).
    .route('/', serviceOpenApiRoutes({ manifest, endpoints: serviceEndpoints, origin: config.publicUrl }))
    .use(
      '/api/*',
      limitBody({
        maxSize: MAX_BODY_BYTES,
        onError: () => {
          throw new AppError(413, 'request.too_large', 'The request body is larger than 64 KiB.');
        },
      }),
    )
    .get('/api/me', orbit.requireUser(), (c) => c.json({ user: c.get('user') }))
    .route('/api/notes', noteRoutes({ orbit, notes }))
    // For other services, with a bearer token the hub addressed to this one (README, "Calling another service").
    .route('/api/service', noteServiceRoutes({ orbit, notes }))
    .all('/api/*', notFoundHandler)
    // Every page: only for a signed-in user (single sign-on through the hub), then the React app.
    .get('*', orbit.requireUser({ redirect: true }))
    .route('/', spaRoutes({ dir: WEB_DIR }));

  app.onError(
    errorHandler(
      (error, c) => logger.error({ err: error, path: c.req.path }, 'unhandled error'),
      (error, c) => logger.warn({ err: error, path: c.req.path }, 'database unavailable'),
    ),
  );
  app.notFound(notFoundHandler);
  return { app, orbit };
}
