/**
 * The hub's command line: `npm run orbit -- <command>` (`help` lists the commands; they live in ./cli/).
 * When a hub runs on this data folder, the command goes to it through its admin channel (`<ORBIT_DATA_DIR>/run/
 * hub.sock`, see ./admin-channel/) and runs there, with the hub's own services; otherwise the CLI opens the
 * database itself (./cli/local.ts). Only that path loads the hub's code, so a command sent to a running hub
 * starts quickly.
 */
import { userInfo } from 'node:os';
import { sendToHub } from './admin-channel/client.js';
import { type Config, loadConfig } from './config.js';

/** The configuration, or undefined when it is invalid (`help` still works; commands then report the problem). */
function configIfValid(): Config | undefined {
  try {
    return loadConfig();
  } catch {
    return undefined;
  }
}

/** The OS user running the CLI: the audit log's "who" for what the hub runs for it. */
function osUser(): string {
  try {
    return userInfo().username || `uid:${process.getuid?.()}`;
  } catch {
    return `uid:${process.getuid?.() ?? 'unknown'}`;
  }
}

async function main(argv: string[]): Promise<number> {
  const out = process.stdout;
  const err = process.stderr;
  const socket = configIfValid()?.adminSocket;
  if (socket) {
    const code = await sendToHub(socket, { argv, cwd: process.cwd(), user: osUser() }, { out, err });
    if (code !== undefined) return code;
  }
  const { runLocally } = await import('./cli/local.js');
  return runLocally(argv, { out, err });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`orbit: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
