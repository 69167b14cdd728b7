import { fileURLToPath } from 'node:url';
import { errorHandler, healthRoutes, notFoundHandler, orbitSecureHeaders, spaRoutes } from '@orbit/http';
import { createLogger } from '@orbit/log';
import {
  type Clock,
  createOrbitService,
  drizzleSessionStore,
  type SocialChange,
  serviceOpenApiRoutes,
} from '@orbit/sdk';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Logger } from 'pino';
import { createAudiences } from './audience.js';
import type { Config } from './config.js';
import { serviceEndpoints } from './contracts/index.js';
import { createSpaceDataRights } from './data-rights/index.js';
import type { ServiceDb } from './database.js';
import type { SpaceCore } from './deps.js';
import { manifest } from './manifest.js';
import { createPeople } from './people.js';
import { createPhotosPart } from './photos/index.js';
import { createLocalPhotoStore, type PhotoStore } from './photos/store.js';
import { createPostsPart } from './posts/index.js';
import { sessions } from './schema.js';
import { createTalkPart } from './talk/index.js';
import { createVisibility } from './visibility.js';

/** The web pages `vite build` makes (dist/web), found from src/ and dist/ alike. */
const WEB_DIR = fileURLToPath(new URL('../dist/web', import.meta.url));

export interface SpaceApp {
  app: Hono;
  core: SpaceCore;
}

export interface AppDeps {
  db: ServiceDb;
  clock?: Clock;
  logger?: Logger;
  /** Where photos go (default: files under `config.space.photosDir`); an S3-compatible store fits the same port. */
  photoStore?: PhotoStore;
  /** The web pages' folder (default: dist/web). */
  webDir?: string;
  /** True once the process is stopping (`runService`'s lifecycle): readiness then answers 503. */
  stopping?: () => boolean;
}

/**
 * Wires Space: sign-in through the hub (the SDK), its parts — posts, moments and the timeline; photos and
 * albums; comments, likes, visitors and reports — the OpenAPI document, health checks and the web pages.
 * Does not listen.
 */
export function createApp(config: Config, deps: AppDeps): SpaceApp {
  const { db } = deps;
  const clock = deps.clock ?? { now: () => new Date() };
  const logger =
    deps.logger ?? createLogger({ service: manifest.id, level: config.logLevel, format: config.logFormat });
  // The SDK calls these once the parts below exist (they need the SDK first).
  const late: {
    socialChanged?: (change: SocialChange) => Promise<void>;
    rights?: ReturnType<typeof createSpaceDataRights>;
  } = {};
  const orbit = createOrbitService({
    manifest,
    hubUrl: config.hubUrl,
    publicUrl: config.publicUrl,
    credentials: { file: config.credentialsFile },
    // Sessions kept 2 s in memory: the timeline's pages need no session query (docs/services.md, "The SDK").
    sessions: drizzleSessionStore(db, sessions, { cacheMs: 2_000 }),
    clock,
    logger,
    // Friend and block changes: the timeline gains or loses the two accounts' posts; a block takes the blocked
    // account's comments and likes off the blocker's posts.
    onSocialChange: (change) => late.socialChanged?.(change),
    // The user's data rights (docs/data-rights.md): Space's part of the export, and erasure with the account.
    dataRights: {
      export: (sub) => {
        if (!late.rights) throw new Error('Space is still starting');
        return late.rights.export(sub);
      },
      erase: async (sub) => {
        if (!late.rights) throw new Error('Space is still starting');
        await late.rights.erase(sub);
      },
    },
  });
  const core: SpaceCore = {
    db,
    orbit,
    clock,
    config,
    logger,
    visibility: createVisibility(orbit),
    audiences: createAudiences({ db, orbit, clock }),
    people: createPeople({ orbit, clock }),
    photoStore: deps.photoStore ?? createLocalPhotoStore(config.space.photosDir),
  };
  const photosPart = createPhotosPart(core);
  const postsPart = createPostsPart(core, { photos: photosPart.photos });
  const talkPart = createTalkPart(core, { posts: postsPart.posts, photos: photosPart.photos });
  late.socialChanged = async (change) => {
    await postsPart.onSocialChange(change);
    await talkPart.onSocialChange(change);
  };
  late.rights = createSpaceDataRights(core);

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
    // The OpenAPI 3.1 document of Space's API, from ./contracts (public).
    .route('/', serviceOpenApiRoutes({ manifest, endpoints: serviceEndpoints, origin: config.publicUrl }))
    .get('/api/me', orbit.requireUser(), (c) => c.json({ user: c.get('user') }))
    // Each part mounts its own paths (and sets its own body limits: photos take megabytes, the rest kilobytes).
    .route('/', photosPart.routes)
    .route('/', postsPart.routes)
    .route('/', talkPart.routes)
    .all('/api/*', notFoundHandler)
    // Every page: only for a signed-in user (single sign-on through the hub), then the React app.
    .get('*', orbit.requireUser({ redirect: true }))
    .route('/', spaRoutes({ dir: deps.webDir ?? WEB_DIR }));

  app.onError(
    errorHandler(
      (error, c) => logger.error({ err: error, path: c.req.path }, 'unhandled error'),
      (error, c) => logger.warn({ err: error, path: c.req.path }, 'database unavailable'),
    ),
  );
  app.notFound(notFoundHandler);
  return { app, core };
}
