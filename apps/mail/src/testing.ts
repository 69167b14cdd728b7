import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTestDatabase } from '@orbit/db/testing';
import { freePort, type LaunchedHub, registerService, type ServedApp, serveApp } from '@orbit/testing';
import { pino } from 'pino';
import { createMailApp } from './app.js';
import { loadConfig } from './config.js';
import { leaseMailDatabase, type MailDb, openMailDatabase } from './db/open.js';
import type { Clock } from './mail/index.js';
import { manifest } from './manifest.js';

export interface TestMail extends ServedApp {
  app: ReturnType<typeof createMailApp>;
  /** Mail's own database, for tests that look at what it holds. */
  db: MailDb;
  /** The client credentials registration gave Mail (the secret the hub refuses once it is rotated away). */
  credentials: { clientId: string; clientSecret: string };
}

/**
 * `@orbit/mail/testing`: the real Mail service for a test, registered with `launched` as `npm start` registers
 * it, on its own free port and fresh database (PGlite, or a new Postgres database with ORBIT_TEST_DATABASE_URL),
 * serving the pages in `webDir`. `env` overrides Mail's configuration (e.g. `MAIL_DEFAULT_QUOTA_MB`). With
 * `credentialsFile`, Mail reads its credentials from the file `services:register` writes in the hub's data
 * folder (`<servicesDir>/mail.json`), as under `npm start`, rather than being given them. With `clock`, Mail
 * keeps the time a test gives the hub too (tokens the hub signs then look fresh to Mail).
 */
export async function startTestMail(
  launched: LaunchedHub,
  {
    webDir,
    env = {},
    credentialsFile = false,
    clock,
  }: {
    webDir: string;
    env?: Record<string, string>;
    credentialsFile?: boolean;
    /** Mail's time (the system's unless given): the hub's own `ShiftedClock`, when a test moves the hub's. */
    clock?: Clock;
  },
): Promise<TestMail> {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const credentials = await registerService(launched, manifest, origin);
  const file = credentialsFile ? await writeCredentialsFile(launched, credentials) : undefined;
  const database = await createTestDatabase();
  const config = loadConfig({
    PORT: String(port),
    ORBIT_HUB_URL: launched.url,
    ORBIT_PUBLIC_URL: origin,
    ORBIT_DATA_DIR: 'memory://',
    LOG_LEVEL: 'silent',
    ...(file ? { ORBIT_CREDENTIALS_FILE: file } : {}),
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...env,
  });
  const handle = await openMailDatabase(config, undefined, {
    pglite: database.url ? undefined : await leaseMailDatabase(),
  });
  const app = createMailApp(config, {
    db: handle.db,
    ping: handle.ping,
    logger: pino({ level: 'silent' }),
    ...(clock ? { clock } : {}),
    ...(file ? {} : { credentials }),
    webDir,
  });
  const served = await serveApp(app.app.fetch, port);
  return {
    ...served,
    app,
    db: handle.db,
    credentials,
    close: async () => {
      await served.close();
      await handle.close();
      await database.drop();
    },
  };
}

/** Writes Mail's credentials where `services:register` would, readable by the owner only. */
async function writeCredentialsFile(
  launched: LaunchedHub,
  credentials: { clientId: string; clientSecret: string },
): Promise<string> {
  const dir = launched.config.servicesDir;
  if (!dir) throw new Error('credentialsFile needs a hub with a data folder');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `${manifest.id}.json`);
  await writeFile(file, JSON.stringify({ issuer: launched.config.issuer, ...credentials }), { mode: 0o600 });
  return file;
}
