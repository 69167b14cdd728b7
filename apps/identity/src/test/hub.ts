import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Listen } from '@orbit/db';
import { createTestDatabase, type TestDatabase } from '@orbit/db/testing';
import { pino } from 'pino';
import { createApp } from '../app.js';
import type { Clock } from '../clock.js';
import { type Config, loadConfig } from '../config.js';
import { openHubDatabase } from '../server.js';
import { leaseHubDatabase } from '../template.js';

/** A clock tests can move. */
export class TestClock implements Clock {
  constructor(private current = new Date()) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestHub {
  app: ReturnType<typeof createApp>['app'];
  services: ReturnType<typeof createApp>['services'];
  db: Awaited<ReturnType<typeof openHubDatabase>>['db'];
  clock: TestClock;
  config: Config;
  /** What the development outbox printed (instead of standard output), one block per message. */
  printed: string[];
  /** The hub's own subscription to database notifications (what its caches listen with). */
  listen: Listen;
  close(): Promise<void>;
}

/** Shared by every test hub, so hubs over one database can read each other's keys. */
export const TEST_KEY_ENCRYPTION_KEY = Buffer.alloc(32, 7);

let portalDir: Promise<string> | undefined;
/** A stand-in portal build, so API tests don't depend on the React build. */
function fakePortal(): Promise<string> {
  portalDir ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orbit-portal-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Orbit</title><div id="root"></div>');
    return dir;
  })();
  return portalDir;
}

/**
 * The real hub app (no listener: requests go through `app.request`) on a fresh database: in-memory PGlite, or
 * a new Postgres database when `ORBIT_TEST_DATABASE_URL` is set. `share` reuses another hub's database, as a
 * second instance would.
 */
export async function startTestHub(
  env: Record<string, string> = {},
  share?: { database: TestDatabase },
): Promise<TestHub & { database: TestDatabase }> {
  const database = share?.database ?? (await createTestDatabase());
  const config = loadConfig({
    ORBIT_DATA_DIR: 'memory://',
    ORBIT_PORTAL_DIR: await fakePortal(),
    ORBIT_TRUST_PROXY: 'true',
    // Tests sign many accounts up from one address; the sign-up limit's own tests set it.
    ORBIT_SIGN_UPS_PER_IP_HOUR: '0',
    LOG_LEVEL: 'silent',
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...env,
  });
  // A PGlite hub leases an already-migrated database from this worker's pool (a Postgres one is already there).
  const handle = await openHubDatabase(config, undefined, {
    pglite: database.url || share ? undefined : await leaseHubDatabase(),
  });
  const clock = new TestClock();
  const printed: string[] = [];
  const { app, services } = createApp(config, {
    print: (block) => printed.push(block),
    db: handle.db,
    keyEncryptionKey: TEST_KEY_ENCRYPTION_KEY,
    ping: handle.ping,
    clock,
    logger: pino({ level: 'silent' }),
  });
  await services.keys.ensureKeys();
  // As a started hub does (the oidc module's start hook): clients come from the cache the database keeps right.
  await services.clients.watch(handle.listen);
  return {
    app,
    services,
    db: handle.db,
    clock,
    config,
    printed,
    listen: handle.listen,
    database,
    close: async () => {
      await services.clients.unwatch();
      await handle.close();
      if (!share) await database.drop();
    },
  };
}
