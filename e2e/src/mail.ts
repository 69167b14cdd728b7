import { createTestDatabase } from '@orbit/db/testing';
import { createMailApp, loadConfig, MAIL_WEB_DIR, manifest, openMailDatabase } from '@orbit/mail';
import { freePort, type LaunchedHub, registerService, type ServedApp, serveApp } from '@orbit/testing';
import { pino } from 'pino';

/**
 * The real Mail service with its built pages, on its own port and fresh database, registered with `launched`
 * as `npm start` registers it.
 */
export async function startMail(launched: LaunchedHub): Promise<ServedApp> {
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
  });
  const handle = await openMailDatabase(config);
  const { app } = createMailApp(config, {
    db: handle.db,
    ping: handle.ping,
    logger: pino({ level: 'silent' }),
    credentials,
    webDir: MAIL_WEB_DIR,
  });
  const served = await serveApp(app.fetch, port);
  return {
    ...served,
    close: async () => {
      await served.close();
      await handle.close();
      await database.drop();
    },
  };
}
