import { runService } from '@orbit/sdk/server';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { openServiceDatabase } from './database.js';
import { manifest } from './manifest.js';

/**
 * The service's process, the only file that listens (`runService`: configuration, logger, graceful stop).
 * `npm start` runs it with PORT, ORBIT_HUB_URL, ORBIT_PUBLIC_URL, ORBIT_CREDENTIALS_FILE and ORBIT_DATA_DIR
 * (and DATABASE_URL when set) in its environment.
 */
await runService({
  manifest,
  loadConfig,
  async start(config, logger, { stopping }) {
    const database = await openServiceDatabase({
      url: config.databaseUrl,
      dataDir: config.pgliteDir,
      logger,
    });
    const { app } = createApp(config, { db: database.db, logger, stopping });
    return { fetch: app.fetch, stop: database.close };
  },
});
