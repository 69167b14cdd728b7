import cluster, { type Worker } from 'node:cluster';
import { stopOnSignals } from '@orbit/http';
import { openHubAdminChannel } from './admin-channel/index.js';
import { frame } from './cli/frame.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startHub } from './server.js';

/** What a hub process tells the primary once it serves (`ORBIT_HUB_PROCESSES` > 1). */
interface Ready {
  type: 'orbit-hub-ready';
  url: string;
  setupUrl: string | undefined;
  adminChannel: boolean;
}

/** The hub's process: the only file that listens. */
async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  if (config.processes > 1 && cluster.isPrimary) return supervise(config);
  await serveHub(config);
}

/** One hub: the whole process, or one of `ORBIT_HUB_PROCESSES` sharing the port. */
async function serveHub(config: Config) {
  // The first process of a machine makes the setup link and holds the CLI's channel; the others only serve.
  const slot = cluster.isWorker ? Number(process.env.ORBIT_HUB_WORKER) : undefined;
  const first = slot === undefined || slot === 1;
  const base = createLogger(config, 'identity');
  // Which of the machine's hub processes said it, when there are several.
  const logger = slot === undefined ? base : base.child({ hubProcess: slot, pid: process.pid });
  const hub = await startHub(config, { logger, setupLink: first });
  // The CLI's way in while this process holds the database (docs/cli.md).
  const channel = first ? await openHubAdminChannel(hub, config, logger) : undefined;
  if (cluster.isWorker) {
    const ready: Ready = {
      type: 'orbit-hub-ready',
      url: hub.url,
      setupUrl: hub.setupUrl,
      adminChannel: Boolean(channel),
    };
    process.send?.(ready);
  } else {
    announce(config, hub.url, hub.setupUrl, Boolean(channel));
  }

  // Readiness first, so a balancer stops sending; then the listener closes and requests in flight finish,
  // timers and job workers stop (a job's lease is handed back), and the database closes — within 10 s.
  stopOnSignals({
    logger,
    drainMs: config.stopDrainMs,
    drain: () => hub.drain(),
    close: async () => {
      await channel?.close();
      await hub.close();
    },
  });
}

function announce(
  config: Config,
  url: string,
  setupUrl: string | undefined,
  adminChannel: boolean,
  extra = '',
) {
  process.stdout.write(`Orbit hub: ${url}${extra}\n`);
  if (setupUrl) {
    // Framed, so it stands out among the log lines (the launcher holds it back until everything is up).
    process.stdout.write(
      `${frame([
        'No admin account exists yet. Create the first admin with this one-time link',
        `(valid for ${Math.round(config.setupLinkMs / 60_000)} minutes; it is a secret):`,
        '',
        `  ${setupUrl}`,
        '',
        adminChannel
          ? 'Print it again (or a new one once it expires): npm run orbit -- setup:link'
          : 'Restart the hub for a new one.',
      ])}\n`,
    );
  }
}

/**
 * `ORBIT_HUB_PROCESSES` hubs on one machine (PostgreSQL only), sharing the port through node:cluster: each is a
 * whole hub (its own pool, caches kept right by the database's notifications, jobs leased from the one queue),
 * so a machine's cores all serve. This process only forks, announces once every hub serves, restarts a hub that
 * dies (waiting longer after each quick death) and stops them all on SIGINT or SIGTERM.
 */
function supervise(config: Config) {
  const logger = createLogger(config, 'identity');
  const slots = new Map<Worker, number>();
  const started = new Set<number>();
  const deaths = new Map<number, { count: number; at: number }>();
  let stopping = false;
  let announced = false;
  let first: Ready | undefined;

  const fork = (slot: number) => {
    const worker = cluster.fork({ ORBIT_HUB_WORKER: String(slot) });
    slots.set(worker, slot);
    worker.on('message', (message: Ready) => {
      if (message?.type !== 'orbit-hub-ready') return;
      started.add(slot);
      if (slot === 1) first = message;
      if (!announced && started.size === config.processes && first) {
        announced = true;
        announce(config, first.url, first.setupUrl, first.adminChannel, ` (${config.processes} processes)`);
      }
    });
  };

  cluster.on('exit', (worker, code, signal) => {
    const slot = slots.get(worker)!;
    slots.delete(worker);
    if (stopping) {
      if (slots.size === 0) process.exit();
      return;
    }
    if (!started.has(slot)) {
      // A hub that could not start (configuration, database, migrations): the others would fail alike.
      logger.error({ slot, code, signal }, 'a hub process could not start; stopping');
      process.exitCode = code || 1;
      stopAll();
      return;
    }
    const now = Date.now();
    const last = deaths.get(slot);
    const count = last && now - last.at < 60_000 ? last.count + 1 : 1;
    deaths.set(slot, { count, at: now });
    const delayMs = Math.min(30_000, 500 * 2 ** (count - 1));
    logger.error({ slot, code, signal, delayMs }, 'a hub process exited; starting it again');
    setTimeout(() => {
      if (!stopping) fork(slot);
    }, delayMs).unref();
  });

  const stopAll = () => {
    if (stopping) return;
    stopping = true;
    for (const worker of slots.keys()) worker.process.kill('SIGTERM');
    if (slots.size === 0) process.exit();
  };
  process.on('SIGINT', stopAll);
  process.on('SIGTERM', stopAll);
  for (let slot = 1; slot <= config.processes; slot++) fork(slot);
}

/** Start-up problems the operator fixes by configuration: their message says what to do; no stack needed. */
const EXPLAINED = new Set(['DataDirInUseError', 'MigrationError', 'ConfigError']);

main().catch((error) => {
  const explained =
    error instanceof Error && (EXPLAINED.has(error.name) || error.message.startsWith('Signing key'));
  console.error(explained ? `Orbit hub could not start: ${error.message}` : error);
  process.exit(1);
});
