/**
 * `@orbit/sdk/server`: what every Orbit service's process does the same way, so a service's own files hold only
 * what is its own (docs/services.md, "The layout"): reading the environment `npm start` sets
 * ({@link loadServiceConfig}), opening its database with its migrations applied ({@link openServiceDatabase}),
 * and listening with a graceful stop ({@link runService}).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ServerType, serve } from '@hono/node-server';
import { type DatabaseHandle, migrate, openDatabase, type PgliteLease } from '@orbit/db';
import { type ClosableServer, closeServer, STOP_LIMIT_MS, stopOnSignals } from '@orbit/http';
import { createLogger, type LogFormat, type LogLevel } from '@orbit/log';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { ServiceManifest } from './manifest.js';

const httpUrl = z.url({ protocol: /^https?$/ });

/** The variables every service reads; `npm start` sets them (docs/services.md, "Registration"). */
const serviceEnv = {
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  HOST: z.string().min(1).optional(),
  ORBIT_HUB_URL: httpUrl.default('http://localhost:4000'),
  ORBIT_PUBLIC_URL: httpUrl.optional(),
  ORBIT_CREDENTIALS_FILE: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  ORBIT_DATA_DIR: z.string().min(1).default('./.orbit/data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `pretty`: readable lines (the launcher's default in development); `json`: one JSON object a line. */
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
  /** On SIGTERM: seconds readiness answers 503 before the service stops listening (a balancer's notice). */
  ORBIT_STOP_DRAIN_SECONDS: z.coerce.number().min(0).max(5).default(0),
};

/** What every service is configured with. */
export interface ServiceConfig {
  /** Default: the manifest's `defaultPort`. */
  port: number;
  host: string | undefined;
  /** The hub's public origin, e.g. `http://localhost:4000`: the OIDC issuer and the service API. */
  hubUrl: string;
  /** This service's own public origin, the one it is registered with at the hub. */
  publicUrl: string;
  /**
   * The credentials file `services:register` writes (`{ issuer, clientId, clientSecret }`): by default
   * `<ORBIT_DATA_DIR>/services/<id>.json`; undefined when the data folder is `memory://` and no
   * `ORBIT_CREDENTIALS_FILE` is set (tests then pass credentials directly).
   */
  credentialsFile: string | undefined;
  /** `postgres://…` to use PostgreSQL; undefined means embedded PGlite in `pgliteDir`. */
  databaseUrl: string | undefined;
  /** `<ORBIT_DATA_DIR>/<id>`, or `memory://`. */
  pgliteDir: string;
  logLevel: LogLevel;
  logFormat: LogFormat;
  /** On SIGTERM, how long `/readyz` answers 503 before the service stops listening (`ORBIT_STOP_DRAIN_SECONDS`). */
  stopDrainMs: number;
}

/** A configuration that can't work; the message names the variable to fix. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * Reads a service's configuration from the environment once, into a frozen object that is passed down; nothing
 * else reads `process.env`. An empty variable counts as unset. `own` adds the service's own variables (zod
 * schemas), answered parsed under `own`. A bad value throws {@link ConfigError} naming the variable.
 *
 * @example
 * const { own, ...config } = loadServiceConfig(manifest, process.env, {
 *   NOTES_PER_PAGE: z.coerce.number().int().positive().default(50),
 * });
 */
export function loadServiceConfig<S extends z.ZodRawShape = Record<never, never>>(
  manifest: Pick<ServiceManifest, 'id' | 'defaultPort'>,
  env: Record<string, string | undefined> = process.env,
  own?: S,
): Readonly<ServiceConfig & { own: z.output<z.ZodObject<S>> }> {
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = z.object({ ...serviceEnv, ...own }).safeParse(set);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration — ${problems}`);
  }
  const e = parsed.data as z.output<z.ZodObject<typeof serviceEnv>> & Record<string, unknown>;
  const port = e.PORT ?? manifest.defaultPort;
  const inMemory = e.ORBIT_DATA_DIR === 'memory://';
  const defaultCredentials = inMemory
    ? undefined
    : resolve(e.ORBIT_DATA_DIR, 'services', `${manifest.id}.json`);
  const ownValues = Object.fromEntries(Object.keys(own ?? {}).map((key) => [key, e[key]]));
  return Object.freeze({
    port,
    host: e.HOST,
    hubUrl: withoutTrailingSlash(e.ORBIT_HUB_URL),
    publicUrl: withoutTrailingSlash(e.ORBIT_PUBLIC_URL ?? `http://localhost:${port}`),
    credentialsFile: e.ORBIT_CREDENTIALS_FILE ? resolve(e.ORBIT_CREDENTIALS_FILE) : defaultCredentials,
    databaseUrl: e.DATABASE_URL,
    pgliteDir: inMemory ? e.ORBIT_DATA_DIR : resolve(e.ORBIT_DATA_DIR, manifest.id),
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    stopDrainMs: e.ORBIT_STOP_DRAIN_SECONDS * 1000,
    own: Object.freeze(ownValues) as z.output<z.ZodObject<S>>,
  });
}

/** Where a service's committed migrations are: `drizzle/` beside `src/` and `dist/` (`import.meta.url` of a file in either). */
export const migrationsFolder = (moduleUrl: string | URL, relative = '../drizzle') =>
  fileURLToPath(new URL(relative, moduleUrl));

/**
 * Opens a service's database — embedded PGlite in `pgliteDir`, or PostgreSQL at `databaseUrl` — and applies its
 * committed migrations, once, under an advisory lock named after the service; closes it again if they fail.
 * `loadDataDir`: a PGlite dump to start from (tests: a migrated template); `pglite`: an embedded database
 * already open (tests lease one with `leaseTestPglite` from `@orbit/db/testing`), handed back on `close()`.
 */
export async function openServiceDatabase<TSchema extends Record<string, unknown>>(options: {
  /** The service id: the migration lock's and the migration table's name for it. */
  id: string;
  config: Pick<ServiceConfig, 'databaseUrl' | 'pgliteDir'>;
  schema: TSchema;
  migrations: string;
  /** Told which migrations were applied (a pino logger fits). */
  logger?: { info(details: { applied: string[]; database: string }, message: string): void };
  loadDataDir?: Blob | undefined;
  pglite?: PgliteLease | undefined;
}): Promise<DatabaseHandle<TSchema> & { applied: string[] }> {
  const handle = await openDatabase({
    url: options.config.databaseUrl,
    dataDir: options.config.pgliteDir,
    schema: options.schema,
    loadDataDir: options.loadDataDir,
    pglite: options.pglite,
  });
  try {
    const { applied } = await migrate(handle.db, { app: options.id, folder: options.migrations });
    options.logger?.info(
      { applied, database: handle.kind },
      applied.length ? 'migrations applied' : 'database schema up to date',
    );
    return { ...handle, applied };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** What a service's `start` answers: its request handler, and what to close once it stopped serving. */
export interface ServiceProcess {
  fetch: (request: Request) => Response | Promise<Response>;
  /** Runs after the last request in flight finished: stop timers, close the database. */
  stop?: () => void | Promise<void>;
}

/** What `runService` tells a service's `start` about its process. */
export { STOP_LIMIT_MS };

export interface ServiceLifecycle {
  /**
   * True once the process got SIGTERM (or SIGINT) and is draining: pass it to `healthRoutes({ stopping })`, so
   * `/readyz` answers 503 and a balancer sends no new requests while the ones in flight finish.
   */
  stopping(): boolean;
}

/** Start-up problems fixed by configuration: their message says what to do, no stack trace needed. */
const EXPLAINED = new Set([
  'ConfigError',
  'DataDirInUseError',
  'MigrationError',
  'CredentialsError',
  'PortInUseError',
]);

/** Another program listens on the service's port. */
class PortInUseError extends Error {
  override name = 'PortInUseError';
  constructor(port: number, host: string | undefined) {
    super(
      `port ${port}${host ? ` on ${host}` : ''} is in use by another program: stop it, or set PORT to another.`,
    );
  }
}

/** What `serve` calls per request: Hono's app.fetch reads the Node request and response from the rest. */
type Fetch = (request: Request, ...rest: unknown[]) => Response | Promise<Response>;

/** The answer while `start` runs: alive, not ready. */
function whileStarting(request: Request): Response {
  if (new URL(request.url).pathname === '/healthz') {
    return Response.json({ status: 'starting' });
  }
  return Response.json(
    { error: { code: 'service.starting', message: 'The service is starting; try again in a moment.' } },
    { status: 503, headers: { 'Retry-After': '1' } },
  );
}

/**
 * A service's process, the only place that listens: reads the configuration (`loadConfig`), makes the logger,
 * listens on `port` (and `host`) — a port in use ends the start there — then lets `start` open the database and
 * wire the app (meanwhile `/healthz` answers 200 and the rest 503 `service.starting`). On SIGINT or SIGTERM it
 * first turns readiness false (`lifecycle.stopping()`, for `healthRoutes`) and waits `stopDrainMs` for a balancer
 * to notice, then stops taking requests, lets those in flight finish (idle keep-alive connections are dropped at
 * once, the rest after 5 s), runs `stop` and exits 0 — or exits 1 once {@link STOP_LIMIT_MS} have passed, whatever
 * is still running. A start-up problem the configuration explains is printed without a stack trace.
 *
 * @example
 * // src/main.ts
 * await runService({
 *   manifest,
 *   loadConfig,
 *   async start(config, logger, { stopping }) {
 *     const database = await openNotesDatabase(config, logger);
 *     const { app } = createApp(config, { db: database.db, logger, stopping });
 *     return { fetch: app.fetch, stop: database.close };
 *   },
 * });
 */
export async function runService<C extends ServiceConfig>(options: {
  manifest: Pick<ServiceManifest, 'id' | 'name'>;
  loadConfig: () => C;
  start: (config: C, logger: Logger, lifecycle: ServiceLifecycle) => Promise<ServiceProcess>;
}): Promise<void> {
  const { manifest } = options;
  let logger: Logger | undefined;
  try {
    const config = options.loadConfig();
    const log = createLogger({ service: manifest.id, level: config.logLevel, format: config.logFormat });
    logger = log;
    let stopping = false;
    // Listening comes first: a port another program holds ends the start at once, before the database is opened
    // or migrated. Until `start` has wired the app, liveness answers 200 and every other path 503.
    let serveRequest: Fetch = whileStarting;
    const server = await new Promise<ServerType>((listening, failed) => {
      const s = serve(
        {
          fetch: (request: Request, ...rest: unknown[]) => serveRequest(request, ...rest),
          port: config.port,
          hostname: config.host,
        },
        () => listening(s),
      );
      s.once('error', (error: NodeJS.ErrnoException) =>
        failed(error.code === 'EADDRINUSE' ? new PortInUseError(config.port, config.host) : error),
      );
    });
    let service: ServiceProcess;
    try {
      service = await options.start(config, log, { stopping: () => stopping });
    } catch (error) {
      await closeServer(server as unknown as ClosableServer);
      throw error;
    }
    serveRequest = service.fetch;
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    log.info({ url: config.publicUrl, port, hub: config.hubUrl }, `${manifest.name} is listening`);

    stopOnSignals({
      logger: log,
      drainMs: config.stopDrainMs,
      drain: () => {
        stopping = true;
      },
      // Requests in flight finish and their connections close after the answer; idle ones close at once.
      close: async () => {
        await closeServer(server as unknown as ClosableServer);
        await service.stop?.();
      },
    });
  } catch (error) {
    const explained = error instanceof Error && EXPLAINED.has(error.name);
    if (explained) console.error(`${manifest.name} could not start: ${error.message}`);
    else if (logger) logger.fatal({ err: error }, `${manifest.name} could not start`);
    else console.error(error);
    process.exitCode = error instanceof ConfigError ? 2 : 1;
    // A logger's transport thread would keep the process alive.
    setTimeout(() => process.exit(), 100).unref();
  }
}
