import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createLogger } from '@orbit/log';
import { createMailApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openMailDatabase } from './db/open.js';
import { MAIL_WEB_DIR } from './index.js';

const HOUSEKEEPING_INTERVAL_MS = 10 * 60_000;

async function main() {
  const config = loadConfig();
  const logger = createLogger({ service: 'mail', level: config.logLevel, format: config.logFormat });
  const handle = await openMailDatabase(config, logger);
  const { app, mailbox } = createMailApp(config, {
    db: handle.db,
    ping: handle.ping,
    logger,
    webDir: MAIL_WEB_DIR,
  });
  // Idempotency keys are remembered for a day; forget older ones every ten minutes (state is all in the
  // database, so a restart loses nothing: the next run catches up).
  const housekeeping = setInterval(() => {
    mailbox
      .pruneIdempotencyKeys()
      .catch((error: unknown) => logger.warn({ err: error }, 'housekeeping failed'));
  }, HOUSEKEEPING_INTERVAL_MS);
  housekeeping.unref();
  const server = serve(
    { fetch: app.fetch, port: config.port, hostname: config.host },
    (info: AddressInfo) => {
      logger.info({ url: config.publicUrl, port: info.port, hub: config.hubUrl }, 'mail listening');
    },
  );
  server.once('error', async (error) => {
    logger.fatal({ err: error }, 'mail could not listen');
    await handle.close();
    process.exit(1);
  });
  const stop = (signal: string) => {
    logger.info({ signal }, 'stopping');
    clearInterval(housekeeping);
    // Let requests in flight finish before the database closes; drop idle keep-alive connections now, and
    // any still open after 5 s (the launcher kills what is left after 10 s).
    server.close(async () => {
      await handle.close();
      process.exit(0);
    });
    const http = server as unknown as { closeIdleConnections?: () => void; closeAllConnections?: () => void };
    http.closeIdleConnections?.();
    setTimeout(() => http.closeAllConnections?.(), 5000).unref();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
