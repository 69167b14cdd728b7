import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { migrate, openDatabase, type PgliteLease } from '@orbit/db';
import { type ClosableServer, closeServer, unavailableResponse } from '@orbit/http';
import { migrateJobs } from '@orbit/jobs';
import type { Logger } from 'pino';
import { ARGON2_PARAMS, argon2Params, TEST_HASHING_VARIABLE } from './accounts/index.js';
import { createApp, HUB_MODULES, type HubApp } from './app.js';
import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import { createLogger } from './logger.js';
import { runBackground, runDrainHooks, runStartHooks, runStopHooks } from './module.js';
import { loadKeyEncryptionKey } from './oidc/index.js';
import { schema } from './schema.js';

/** On close, how long running jobs get to finish before they are handed back to the queue. */
const JOB_STOP_GRACE_MS = 3_000;

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

export interface RunningHub {
  url: string;
  /** The hub's domain services (clients, service registry, accounts, …), for tools and tests in this process. */
  services: ReturnType<typeof createApp>['services'];
  /** The one-time link that creates the first admin, when no admin exists yet. */
  setupUrl: string | undefined;
  /** Starts a graceful stop: `/readyz` answers 503 from now on, while the hub goes on serving. */
  drain(): void;
  /** Stops listening (requests in flight finish), stops timers and job workers, closes the database. */
  close(): Promise<void>;
}

/** Opens the database and applies the hub's migrations (once, under an advisory lock). */
export async function openHubDatabase(
  config: Pick<Config, 'databaseUrl' | 'pgliteDir'>,
  logger?: Logger,
  options: { loadDataDir?: Blob | undefined; pglite?: PgliteLease | undefined } = {},
) {
  const handle = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.pgliteDir,
    schema,
    loadDataDir: options.loadDataDir,
    pglite: options.pglite,
  });
  try {
    await migrateJobs(handle.db);
    const { applied } = await migrate(handle.db, { app: 'identity', folder: MIGRATIONS_FOLDER });
    logger?.info({ applied }, applied.length ? 'migrations applied' : 'database schema up to date');
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

/** Starts the hub: database, migrations, the app, and the HTTP listener. */
export async function startHub(
  config: Config,
  options: {
    clock?: Clock;
    logger?: Logger;
    /** A new embedded database starts from this dump (tests: `hubDatabaseTemplate()`). */
    loadDataDir?: Blob | undefined;
    /** An embedded database that is already open, instead of `config.pgliteDir` (tests: `leaseHubDatabase()`). */
    pglite?: PgliteLease | undefined;
    /** Whether to make the first admin's setup link when none exists (false in all but one of a machine's processes). */
    setupLink?: boolean;
  } = {},
): Promise<RunningHub> {
  const logger = options.logger ?? createLogger(config);
  const handle = await openHubDatabase(config, logger, {
    loadDataDir: options.loadDataDir,
    pglite: options.pglite,
  });
  // Listen first, so that with PORT=0 the issuer can name the port the system picked.
  // Until the app is ready (start hooks: signing keys, default tiers), every request gets 503 in the one error shape.
  let fetchHandler: HubApp['fetch'] = () => unavailableResponse('Orbit is starting. Try again in a moment.');
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve(
      { fetch: (request, env) => fetchHandler(request, env), port: config.port, hostname: config.host },
      () => resolve(s),
    );
    s.once('error', reject);
  }).catch(async (error) => {
    await handle.close();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  const effective: Config =
    config.issuer === 'http://localhost:0'
      ? Object.freeze({ ...config, port, issuer: `http://localhost:${port}` })
      : config;
  const keyEncryptionKey = await loadKeyEncryptionKey(config.keyEncryptionKey, config.keyEncryptionKeyFile);
  let stopping = false;
  const { app, services } = createApp(effective, {
    db: handle.db,
    keyEncryptionKey,
    ping: handle.ping,
    stopping: () => stopping,
    clock: options.clock ?? systemClock,
    logger,
  });
  // Every module's start hooks, in list order (signing keys, default tiers, …); a failure stops the start.
  await runStartHooks(HUB_MODULES, services, { config: effective, logger, listen: handle.listen }).catch(
    async (error) => {
      server.close();
      await handle.close();
      throw error;
    },
  );
  if (config.databaseUrl && !config.keyEncryptionKey) {
    logger.warn(
      'ORBIT_KEY_ENCRYPTION_KEY is not set: signing keys are sealed with a key kept in ORBIT_DATA_DIR on this ' +
        'machine. Set the same ORBIT_KEY_ENCRYPTION_KEY on every hub instance that shares this database.',
    );
  }
  if (argon2Params() !== ARGON2_PARAMS) {
    logger.warn(
      `${TEST_HASHING_VARIABLE} is set: passwords and recovery codes are hashed at a cost that protects nothing. ` +
        'It is for test runs only; unset it.',
    );
  }
  fetchHandler = app.fetch;
  // Every module's durable work and periodic tasks. The state is all in the database; these only drive it.
  const background = runBackground(HUB_MODULES, services, logger);
  const setupToken = options.setupLink === false ? undefined : await services.setup.issueTokenIfNeeded();
  const url = effective.issuer;
  logger.info({ url, database: handle.kind }, 'hub listening');
  return {
    url,
    services,
    setupUrl: setupToken ? `${url}/setup?token=${setupToken}` : undefined,
    drain: () => {
      stopping = true;
      runDrainHooks(HUB_MODULES, services);
    },
    close: async () => {
      runDrainHooks(HUB_MODULES, services);
      await background.stopTimers();
      await closeServer(server as unknown as ClosableServer);
      // A job still running after this hands its lease back (another hub, or the next start, takes it at once).
      await background.stopJobs(JOB_STOP_GRACE_MS);
      await runStopHooks(HUB_MODULES, services);
      await handle.close();
    },
  };
}
