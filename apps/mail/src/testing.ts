import { createTestDatabase } from '@orbit/db/testing';
import { freePort, type LaunchedHub, registerService, type ServedApp, serveApp } from '@orbit/testing';
import { pino } from 'pino';
import { createMailApp } from './app.js';
import { loadConfig } from './config.js';
import { mailDatabaseTemplate, openMailDatabase } from './db/open.js';
import { manifest } from './manifest.js';

export interface TestMail extends ServedApp {
  app: ReturnType<typeof createMailApp>;
}

/**
 * `@orbit/mail/testing`: the real Mail service for a test, registered with `launched` as `npm start` registers
 * it, on its own free port and fresh database (PGlite, or a new Postgres database with ORBIT_TEST_DATABASE_URL),
 * serving the pages in `webDir`. `env` overrides Mail's configuration (e.g. `MAIL_DEFAULT_QUOTA_MB`).
 */
export async function startTestMail(
  launched: LaunchedHub,
  { webDir, env = {} }: { webDir: string; env?: Record<string, string> },
): Promise<TestMail> {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const credentials = await registerService(launched, manifest, origin);
  const database = await createTestDatabase();
  const config = loadConfig({
    PORT: String(port),
    ORBIT_HUB_URL: launched.url,
    ORBIT_PUBLIC_URL: origin,
    ORBIT_DATA_DIR: 'memory://',
    LOG_LEVEL: 'silent',
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...env,
  });
  const handle = await openMailDatabase(config, undefined, {
    loadDataDir: database.url ? undefined : await mailDatabaseTemplate(),
  });
  const app = createMailApp(config, {
    db: handle.db,
    ping: handle.ping,
    logger: pino({ level: 'silent' }),
    credentials,
    webDir,
  });
  const served = await serveApp(app.app.fetch, port);
  return {
    ...served,
    app,
    close: async () => {
      await served.close();
      await handle.close();
      await database.drop();
    },
  };
}
