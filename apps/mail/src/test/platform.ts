import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@orbit/db/testing';
import {
  freePort,
  HttpBrowser,
  type LaunchedHub,
  launchHub,
  registerService,
  type ServedApp,
  serveApp,
  signUp,
  type TestAccount,
} from '@orbit/testing';
import { pino } from 'pino';
import { createMailApp } from '../app.js';
import { loadConfig } from '../config.js';
import { openMailDatabase } from '../db/open.js';
import { manifest } from '../manifest.js';

export interface MailPlatform {
  launched: LaunchedHub;
  mail: ServedApp;
  app: ReturnType<typeof createMailApp>;
  /** A new account, signed in at the hub and (through single sign-on) at Mail. */
  person(displayName?: string): Promise<{ browser: HttpBrowser; account: TestAccount }>;
  close(): Promise<void>;
}

/** The real hub and the real Mail service, each on its own port and database, as `npm start` runs them. */
export async function startMailPlatform(env: Record<string, string> = {}): Promise<MailPlatform> {
  const launched = await launchHub();
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const credentials = await registerService(launched, manifest, origin);
  const database = await createTestDatabase();
  const webDir = await mkdtemp(join(tmpdir(), 'orbit-mail-web-'));
  await writeFile(
    join(webDir, 'index.html'),
    '<!doctype html><html><head><title>Mail</title></head><body></body></html>',
  );
  const config = loadConfig({
    PORT: String(port),
    ORBIT_HUB_URL: launched.url,
    ORBIT_PUBLIC_URL: origin,
    ORBIT_DATA_DIR: 'memory://',
    LOG_LEVEL: 'silent',
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...env,
  });
  const handle = await openMailDatabase(config);
  const app = createMailApp(config, {
    db: handle.db,
    ping: handle.ping,
    logger: pino({ level: 'silent' }),
    credentials,
    webDir,
  });
  const mail = await serveApp(app.app.fetch, port);
  return {
    launched,
    mail,
    app,
    async person(displayName = 'Mail User') {
      const browser = new HttpBrowser();
      const account = await signUp(browser, launched.url, { displayName });
      const visit = await browser.navigate(`${mail.url}/`);
      if (visit.url !== `${mail.url}/`) throw new Error(`did not land signed in at Mail: ${visit.url}`);
      return { browser, account };
    },
    close: async () => {
      await mail.close();
      await handle.close();
      await database.drop();
      await launched.close();
      await rm(webDir, { recursive: true, force: true });
    },
  };
}
