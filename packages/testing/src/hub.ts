import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@orbit/db/testing';
import {
  type Clock,
  type Config,
  createLogger,
  hubDatabaseTemplate,
  leaseHubDatabase,
  loadConfig,
  openHubAdminChannel,
  type RunningHub,
  startHub,
  systemClock,
} from '@orbit/identity';
import { freePort } from './ports.js';

let portalDir: Promise<string> | undefined;
/** One tiny `index.html` per test process, served where the portal's pages would be. */
function standInPortal(): Promise<string> {
  portalDir ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orbit-test-portal-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Orbit</title><div id="root"></div>');
    return dir;
  })();
  return portalDir;
}

export interface LaunchedHub {
  hub: RunningHub;
  /** The hub's origin, e.g. `http://localhost:41234`: pages, API and OIDC issuer on one origin. */
  url: string;
  config: Config;
  /** The hub's clock (the one `launchHub` was given, else the system's): what "now" is at the hub. */
  clock: Clock;
  /**
   * The hub's admin channel (`<data folder>/run/hub.sock`), which the CLI (`npm run orbit -- …`) talks to:
   * `registerService` and `orbitCli` use it. Undefined when the hub runs without a data folder.
   */
  adminSocket: string | undefined;
  /** The temporary folder `launchHub` made for the hub's data (admin channel, credentials files); `close()` removes it. */
  dataDir: string;
  /** Stops the hub, drops its database and removes its data folder. */
  close(): Promise<void>;
}

export interface LaunchHubOptions {
  /**
   * Runs once, before the hub first starts, with the configuration it will start with: a test can open the
   * hub's database (`openHubDatabase`) and prepare data, e.g. register OIDC clients. It must close the database
   * again — embedded PGlite can be open only once at a time.
   */
  beforeStart?: (config: Config) => Promise<void>;
  /** Where the hub's time comes from (default the system clock): a test can move it, e.g. past a period end. */
  clock?: Clock | undefined;
}

/**
 * Starts the real hub (API, OIDC provider and the built portal) on a free port and a fresh database —
 * embedded PGlite in memory (already migrated, from a pool this process keeps and resets between hubs), or a
 * new Postgres database when `ORBIT_TEST_DATABASE_URL` is set.
 */
export async function launchHub(
  env: Record<string, string> = {},
  options: LaunchHubOptions = {},
): Promise<LaunchedHub> {
  const database = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'orbit-test-data-'));
  try {
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const config = loadConfig({
        PORT: String(port),
        // A data folder on disk, as `npm start` has (admin channel, credentials files; the embedded database is
        // leased in memory unless `beforeStart` needs it there). A fresh folder per attempt (a failed start may keep its lock) —
        // unless `beforeStart` has put data in the first one: then every attempt reuses it (startHub closes the
        // database when it cannot listen, and a lock this process holds is taken over).
        ORBIT_DATA_DIR: join(dataDir, options.beforeStart ? '1' : String(attempt)),
        LOG_LEVEL: 'silent',
        // Tests sign many accounts up from one address.
        ORBIT_SIGN_UPS_PER_IP_HOUR: '0',
        ...(database.url ? { DATABASE_URL: database.url } : {}),
        // A stand-in portal unless the test names the real build: HTTP tests don't read the React pages, and a
        // service's tests must not depend on the portal being built.
        ORBIT_PORTAL_DIR: await standInPortal(),
        ...env,
      });
      if (attempt === 1) await options.beforeStart?.(config);
      try {
        // Embedded: an already-migrated in-memory database leased from this process's pool (a fresh PGlite
        // costs about half a second even from a dump). With `beforeStart`, which prepares data in the data
        // folder, the hub opens that folder, starting from the migrated template.
        const embedded = database.url
          ? {}
          : options.beforeStart
            ? { loadDataDir: await hubDatabaseTemplate() }
            : { pglite: await leaseHubDatabase() };
        const hub = await startHub(config, {
          ...(options.clock ? { clock: options.clock } : {}),
          ...embedded,
        }).catch(async (error: unknown) => {
          await embedded.pglite?.release();
          throw error;
        });
        // As `npm start` opens it: the operator's (and the CLI's) way in, through which the kit registers services.
        const channel = await openHubAdminChannel(hub, config, createLogger(config));
        return {
          hub,
          url: hub.url,
          config,
          clock: options.clock ?? systemClock,
          adminSocket: channel?.path,
          dataDir,
          close: async () => {
            await channel?.close();
            await hub.close();
            await database.drop();
            await rm(dataDir, { recursive: true, force: true });
          },
        };
      } catch (error) {
        // Another process took the port between our probe and the hub's listen: try another one.
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 5) throw error;
      }
    }
  } catch (error) {
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
