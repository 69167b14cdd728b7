/**
 * The hub's command line: `npm run orbit -- <command>` (`help` lists the commands; they live in ./cli/).
 * Commands open the same database as the hub (DATABASE_URL, or the embedded one under ORBIT_DATA_DIR, which
 * only one process may hold at a time: stop the hub first).
 */
import { pino } from 'pino';
import { createServices } from './app.js';
import { runCli } from './cli/commands.js';
import type { Hub } from './cli/context.js';
import { systemClock } from './clock.js';
import { loadConfig } from './config.js';
import { loadKeyEncryptionKey } from './oidc/keys/encryption.js';
import { openHubDatabase } from './server.js';

async function main(argv: string[]): Promise<number> {
  let handle: Awaited<ReturnType<typeof openHubDatabase>> | undefined;
  /** Opened only for commands that need it, so `help` and usage errors don't touch the database. */
  const openHub = async ({ announceMigrations }: { announceMigrations: boolean }): Promise<Hub> => {
    const config = loadConfig();
    handle = await openHubDatabase(config, announceMigrations ? pino({ level: 'info' }) : undefined);
    const keyEncryptionKey = await loadKeyEncryptionKey(config.keyEncryptionKey, config.keyEncryptionKeyFile);
    return {
      config,
      services: createServices(config, { db: handle.db, clock: systemClock, keyEncryptionKey }),
    };
  };
  try {
    return await runCli(argv, { hub: openHub, out: process.stdout, err: process.stderr });
  } finally {
    await handle?.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
