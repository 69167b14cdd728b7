import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openServiceDatabase } from './database.js';
import { createLogger } from './logger.js';
import { manifest } from './manifest.js';

/**
 * The service's process, the only file that listens. `npm start` runs it with PORT, ORBIT_HUB_URL,
 * ORBIT_PUBLIC_URL, ORBIT_CREDENTIALS_FILE and ORBIT_DATA_DIR (and DATABASE_URL when set) in its environment.
 */
async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config);
  const database = await openServiceDatabase({ url: config.databaseUrl, dataDir: config.pgliteDir });
  logger.info({ applied: database.applied, database: database.kind }, 'database ready');
  const { app } = createApp(config, { db: database.db, logger });

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port }, () => resolve(s));
    s.once('error', reject);
  }).catch(async (error) => {
    await database.close();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  logger.info(
    { port, url: config.publicUrl, hub: config.hubUrl },
    `${manifest.name} is listening on ${config.publicUrl}`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** Start-up problems fixed by configuration: their message says what to do, no stack trace needed. */
const EXPLAINED = new Set(['DataDirInUseError', 'MigrationError', 'ConfigError']);

main().catch((error) => {
  const explained = error instanceof Error && EXPLAINED.has(error.name);
  console.error(explained ? `${manifest.name} could not start: ${error.message}` : error);
  process.exit(1);
});
