/**
 * The hub's command line: `npm run orbit -- <command>`. Later issues add keys, clients and services here.
 * Commands open the same database as the hub (DATABASE_URL, or the embedded one under ORBIT_DATA_DIR, which
 * only one process may hold at a time: stop the hub first).
 */
import { pino } from 'pino';
import { createServices } from './app.js';
import { systemClock } from './clock.js';
import { ConfigError, loadConfig } from './config.js';
import { loadKeyEncryptionKey } from './oidc/keys/encryption.js';
import { openHubDatabase } from './server.js';

const kek = (config: ReturnType<typeof loadConfig>) =>
  loadKeyEncryptionKey(config.keyEncryptionKey, config.keyEncryptionKeyFile);

type Command = { summary: string; run(args: string[]): Promise<void> };

const commands: Record<string, Command> = {
  migrate: {
    summary: 'apply the hub’s database migrations and exit',
    async run() {
      const config = loadConfig();
      const handle = await openHubDatabase(config, pino({ level: 'info' }));
      await handle.close();
    },
  },
  'setup:link': {
    summary: 'print a new one-time link that creates the first admin (only while no admin exists)',
    async run() {
      const config = loadConfig();
      const handle = await openHubDatabase(config);
      try {
        const { setup } = createServices(config, {
          db: handle.db,
          clock: systemClock,
          keyEncryptionKey: await kek(config),
        });
        const token = await setup.issueTokenIfNeeded();
        if (!token) {
          console.error('An admin account already exists; no setup link is needed.');
          process.exitCode = 1;
          return;
        }
        console.log(`${config.issuer}/setup?token=${token}`);
      } finally {
        await handle.close();
      }
    },
  },
};

function help(): void {
  console.log('Usage: npm run orbit -- <command>\n\nCommands:');
  for (const [name, command] of Object.entries(commands))
    console.log(`  ${name.padEnd(14)} ${command.summary}`);
}

async function main(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help') return help();
  const command = commands[name];
  if (!command) {
    console.error(`Unknown command: ${name}\n`);
    help();
    process.exitCode = 2;
    return;
  }
  await command.run(args);
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof ConfigError || error?.name === 'DataDirInUseError' ? error.message : error);
  process.exitCode = 1;
});
