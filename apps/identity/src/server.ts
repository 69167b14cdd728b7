import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { migrate, openDatabase } from '@orbit/db';
import { migrateJobs } from '@orbit/jobs';
import type { Logger } from 'pino';
import { createApp, type HubApp } from './app.js';
import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import { EMAIL_QUEUE } from './email/index.js';
import { createHousekeeping } from './housekeeping.js';
import { createLogger } from './logger.js';
import { MEMBERSHIP_EVENTS_QUEUE } from './membership/events.js';
import { loadKeyEncryptionKey } from './oidc/keys/encryption.js';
import { BACKCHANNEL_QUEUE } from './oidc/logout/backchannel.js';
import { schema } from './schema.js';

/** How often ended sessions are looked for (revocations also trigger a sweep at once). */
const SWEEP_INTERVAL_MS = 15_000;
const HOUSEKEEPING_INTERVAL_MS = 10 * 60_000;
/** How often growth is settled: a day's accrual shows soon after a membership starts covering it. */
const GROWTH_INTERVAL_MS = 5 * 60_000;

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

export interface RunningHub {
  url: string;
  /** The hub's domain services (clients, service registry, accounts, …), for tools and tests in this process. */
  services: ReturnType<typeof createApp>['services'];
  /** The one-time link that creates the first admin, when no admin exists yet. */
  setupUrl: string | undefined;
  close(): Promise<void>;
}

/** Opens the database and applies the hub's migrations (once, under an advisory lock). */
export async function openHubDatabase(
  config: Pick<Config, 'databaseUrl' | 'pgliteDir'>,
  logger?: Logger,
  options: { loadDataDir?: Blob | undefined } = {},
) {
  const handle = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.pgliteDir,
    schema,
    loadDataDir: options.loadDataDir,
  });
  try {
    await migrateJobs(handle.db);
    const { applied } = await migrate(handle.db, { app: 'identity', folder: MIGRATIONS_FOLDER });
    logger?.info({ applied }, applied.length ? 'migrations applied' : 'database schema up to date');
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

/** Starts the hub: database, migrations, the app, and the HTTP listener. */
export async function startHub(
  config: Config,
  options: {
    clock?: Clock;
    logger?: Logger;
    /** A new embedded database starts from this dump (tests: `hubDatabaseTemplate()`). */
    loadDataDir?: Blob | undefined;
  } = {},
): Promise<RunningHub> {
  const logger = options.logger ?? createLogger(config);
  const handle = await openHubDatabase(config, logger, { loadDataDir: options.loadDataDir });
  // Listen first, so that with PORT=0 the issuer can name the port the system picked.
  let fetchHandler: HubApp['fetch'] = () => new Response(null, { status: 503 });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve(
      { fetch: (request, env) => fetchHandler(request, env), port: config.port, hostname: config.host },
      () => resolve(s),
    );
    s.once('error', reject);
  }).catch(async (error) => {
    await handle.close();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  const effective: Config =
    config.issuer === 'http://localhost:0'
      ? Object.freeze({ ...config, port, issuer: `http://localhost:${port}` })
      : config;
  const keyEncryptionKey = await loadKeyEncryptionKey(config.keyEncryptionKey, config.keyEncryptionKeyFile);
  const { app, services } = createApp(effective, {
    db: handle.db,
    keyEncryptionKey,
    ping: handle.ping,
    clock: options.clock ?? systemClock,
    logger,
  });
  await services.keys.ensureKeys();
  // Default membership tiers, once (idempotent; `services:register` calls it again for new services).
  await services.seedDefaultTiers();
  // Fail at start, with a message that says what to set, rather than at the first sign-in.
  await services.keys.signingKey('RS256').catch(async (error) => {
    server.close();
    await handle.close();
    throw error;
  });
  if (config.databaseUrl && !config.keyEncryptionKey) {
    logger.warn(
      'ORBIT_KEY_ENCRYPTION_KEY is not set: signing keys are sealed with a key kept in ORBIT_DATA_DIR on this ' +
        'machine. Set the same ORBIT_KEY_ENCRYPTION_KEY on every hub instance that shares this database.',
    );
  }
  fetchHandler = app.fetch;
  // Durable work: back-channel logout deliveries, and a sweep that turns ended sessions (including those that
  // expired while the hub was down) into deliveries. The state is all in the database; these only drive it.
  const logoutWorker = services.queue.work(BACKCHANNEL_QUEUE, services.backchannel.deliver, {
    concurrency: 4,
  });
  // Membership-change events to the services (Security Event Tokens), queued by every membership change.
  const membershipEventWorker = services.queue.work(
    MEMBERSHIP_EVENTS_QUEUE,
    services.membershipEvents.deliver,
    {
      concurrency: 4,
    },
  );
  // Outgoing mail: SMTP, or the development outbox when ORBIT_SMTP_URL is not set; retried with backoff.
  const emailWorker = services.queue.work(EMAIL_QUEUE, services.email.deliver, { concurrency: 2 });
  if (config.email.smtpUrl) {
    // A wrong host or password shows at start, not at the first password reset; mail waits and is retried.
    services.email.verify().then(
      () => logger.info('SMTP server reachable (ORBIT_SMTP_URL)'),
      (error: unknown) =>
        logger.warn(
          { err: error },
          'the SMTP server (ORBIT_SMTP_URL) could not be reached or refused to log in: mail is queued and retried',
        ),
    );
  } else if (config.secureCookies) {
    logger.warn(
      'ORBIT_SMTP_URL is not set: mail (password resets, verification links) goes to the development outbox, ' +
        'which admins can read. Set ORBIT_SMTP_URL to send it.',
    );
  }
  // Membership billing: period ends and renewals, purchase recovery, and a sweep for any period left unscheduled.
  const billingWorkers = services.billing.work({ logger });
  const sweepEvery = setInterval(() => {
    services.backchannel.sweep().catch((error) => logger.warn({ err: error }, 'logout sweep failed'));
  }, SWEEP_INTERVAL_MS);
  sweepEvery.unref();
  const housekeeping = createHousekeeping({ db: handle.db, clock: options.clock ?? systemClock, config });
  const tidyEvery = setInterval(() => {
    housekeeping().catch((error) => logger.warn({ err: error }, 'housekeeping failed'));
  }, HOUSEKEEPING_INTERVAL_MS);
  tidyEvery.unref();
  // Growth: settle the local days not yet settled (all of them after downtime) now, then every few minutes; one
  // pass at a time per instance (several instances are safe: each account's cursor row is locked).
  let settling: Promise<void> | undefined;
  const settleGrowth = () => {
    settling ??= services.growth
      .settle()
      .then(() => undefined)
      .catch((error) => logger.warn({ err: error }, 'growth settlement failed'))
      .finally(() => {
        settling = undefined;
      });
  };
  settleGrowth();
  const growthEvery = setInterval(settleGrowth, GROWTH_INTERVAL_MS);
  growthEvery.unref();
  const setupToken = await services.setup.issueTokenIfNeeded();
  const url = effective.issuer;
  logger.info({ url, database: handle.kind }, 'hub listening');
  return {
    url,
    services,
    setupUrl: setupToken ? `${url}/setup?token=${setupToken}` : undefined,
    close: async () => {
      clearInterval(sweepEvery);
      clearInterval(tidyEvery);
      clearInterval(growthEvery);
      await settling;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await logoutWorker.stop();
      await billingWorkers.stop();
      await membershipEventWorker.stop();
      await emailWorker.stop();
      services.email.close();
      await handle.close();
    },
  };
}
