import { runService } from '@orbit/sdk/server';
import { createMailApp } from './app.js';
import { loadConfig } from './config.js';
import { openMailDatabase } from './db/open.js';
import { MAIL_WEB_DIR } from './index.js';
import { manifest } from './manifest.js';

const HOUSEKEEPING_INTERVAL_MS = 10 * 60_000;

/**
 * Mail's process, the only file that listens (`runService`: configuration, logger, graceful stop). `npm start`
 * runs it with PORT, ORBIT_HUB_URL, ORBIT_PUBLIC_URL, ORBIT_CREDENTIALS_FILE and ORBIT_DATA_DIR set.
 */
await runService({
  manifest,
  loadConfig,
  async start(config, logger, { stopping }) {
    const database = await openMailDatabase(config, logger);
    const { app, mailbox } = createMailApp(config, {
      db: database.db,
      ping: database.ping,
      logger,
      webDir: MAIL_WEB_DIR,
      stopping,
    });
    // Idempotency keys are remembered for a day; forget older ones every ten minutes (state is all in the
    // database, so a restart loses nothing: the next run catches up).
    const housekeeping = setInterval(() => {
      mailbox
        .pruneIdempotencyKeys()
        .catch((error: unknown) => logger.warn({ err: error }, 'housekeeping failed'));
    }, HOUSEKEEPING_INTERVAL_MS);
    housekeeping.unref();
    return {
      fetch: app.fetch,
      stop: async () => {
        clearInterval(housekeeping);
        await database.close();
      },
    };
  },
});
