import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@orbit/db/testing';
import type { Clock } from '@orbit/sdk';
import {
  freePort,
  type LaunchedHub,
  registerService,
  type ServedApp,
  serveApp,
  writeCredentialsFile,
} from '@orbit/testing';
import { pino } from 'pino';
import { createApp, type SpaceApp } from './app.js';
import { loadConfig } from './config.js';
import { openServiceDatabase } from './database.js';
import type { SpaceDb } from './deps.js';
import { manifest } from './manifest.js';

export interface TestSpace extends ServedApp {
  app: SpaceApp;
  /** Space's own database, for tests that look at what it holds. */
  db: SpaceDb;
  /** Where its photo files are. */
  photosDir: string;
}

/**
 * The real Space service for a test, registered with `launched` as `npm start` registers it, on its own free
 * port, fresh database (PGlite, or a new PostgreSQL database with ORBIT_TEST_DATABASE_URL) and photo folder,
 * serving the pages in `webDir`. `env` overrides Space's configuration (e.g. `SPACE_MAX_PHOTO_MB`); `clock`
 * keeps the time a test gives the hub too.
 */
export async function startTestSpace(
  launched: LaunchedHub,
  { webDir, env = {}, clock }: { webDir?: string; env?: Record<string, string>; clock?: Clock } = {},
): Promise<TestSpace> {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const credentials = await registerService(launched, manifest, origin);
  const dir = await mkdtemp(join(tmpdir(), 'orbit-space-'));
  const credentialsFile = await writeCredentialsFile(launched, credentials, { dir });
  const photosDir = join(dir, 'photos');
  const database = await createTestDatabase();
  const handle = await openServiceDatabase({ url: database.url, dataDir: database.dataDir });
  const config = loadConfig({
    PORT: String(port),
    ORBIT_HUB_URL: launched.url,
    ORBIT_PUBLIC_URL: origin,
    ORBIT_DATA_DIR: 'memory://',
    ORBIT_CREDENTIALS_FILE: credentialsFile,
    SPACE_PHOTOS_DIR: photosDir,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const app = createApp(config, {
    db: handle.db,
    logger: pino({ level: 'silent' }),
    ...(clock ? { clock } : {}),
    ...(webDir ? { webDir } : {}),
  });
  const served = await serveApp(app.app.fetch, port);
  return {
    ...served,
    app,
    db: handle.db,
    photosDir,
    close: async () => {
      await served.close();
      await handle.close();
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
