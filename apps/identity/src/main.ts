import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startHub } from './server.js';

/** The hub's process: the only file that listens. */
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
  const hub = await startHub(config, { logger });
  const lines = [`Orbit hub: ${hub.url}`];
  if (hub.setupUrl) {
    lines.push(
      '',
      'No admin account exists yet. Create the first admin with this one-time link',
      `(valid for ${Math.round(config.setupLinkMs / 60_000)} minutes; restart the hub for a new one):`,
      `  ${hub.setupUrl}`,
    );
  }
  process.stdout.write(`\n${lines.join('\n')}\n\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await hub.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** Start-up problems the operator fixes by configuration: their message says what to do; no stack needed. */
const EXPLAINED = new Set(['DataDirInUseError', 'MigrationError', 'ConfigError']);

main().catch((error) => {
  const explained =
    error instanceof Error && (EXPLAINED.has(error.name) || error.message.startsWith('Signing key'));
  console.error(explained ? `Orbit hub could not start: ${error.message}` : error);
  process.exit(1);
});
