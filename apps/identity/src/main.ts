import { openHubAdminChannel } from './admin-channel/index.js';
import { frame } from './cli/frame.js';
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
  const logger = createLogger(config, 'identity');
  const hub = await startHub(config, { logger });
  // The CLI's way in while this process holds the database (docs/cli.md).
  const channel = await openHubAdminChannel(hub, config, logger);
  process.stdout.write(`Orbit hub: ${hub.url}\n`);
  if (hub.setupUrl) {
    // Framed, so it stands out among the log lines (the launcher holds it back until everything is up).
    process.stdout.write(
      `${frame([
        'No admin account exists yet. Create the first admin with this one-time link',
        `(valid for ${Math.round(config.setupLinkMs / 60_000)} minutes; it is a secret):`,
        '',
        `  ${hub.setupUrl}`,
        '',
        channel
          ? 'Print it again (or a new one once it expires): npm run orbit -- setup:link'
          : 'Restart the hub for a new one.',
      ])}\n`,
    );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await channel?.close();
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
