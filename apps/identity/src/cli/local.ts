import { pino } from 'pino';
import { createServices } from '../app.js';
import { systemClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { cliActor } from '../kernel/actor.js';
import { loadKeyEncryptionKey } from '../oidc/index.js';
import { openHubDatabase } from '../server.js';
import { runCli } from './commands.js';
import type { Hub, Output } from './context.js';

/**
 * Runs a command line with no hub to send it to: opens the database itself (DATABASE_URL, or the embedded one
 * under ORBIT_DATA_DIR, which only one process may hold), only for commands that need it.
 */
export async function runLocally(
  argv: string[],
  { out, err }: { out: Output; err: Output },
): Promise<number> {
  let handle: Awaited<ReturnType<typeof openHubDatabase>> | undefined;
  const openHub = async ({ announceMigrations }: { announceMigrations: boolean }): Promise<Hub> => {
    const config = loadConfig();
    handle = await openHubDatabase(config, announceMigrations ? pino({ level: 'info' }) : undefined).catch(
      (error: unknown) => {
        // The hub holds the embedded database but did not answer on its channel: say where to look.
        if (error instanceof Error && error.name === 'DataDirInUseError' && config.adminSocket) {
          throw new Error(
            `${error.message} No hub answered on ${config.adminSocket}; the hub's log says why its admin channel is not open.`,
          );
        }
        throw error;
      },
    );
    const keyEncryptionKey = await loadKeyEncryptionKey(config.keyEncryptionKey, config.keyEncryptionKeyFile);
    return {
      config,
      services: createServices(config, { db: handle.db, clock: systemClock, keyEncryptionKey }),
    };
  };
  try {
    return await runCli(argv, { hub: openHub, out, err, actor: cliActor() });
  } finally {
    await handle?.close();
  }
}
