import { randomBytes } from 'node:crypto';
import { createServices } from '../app.js';
import { systemClock } from '../clock.js';
import { loadConfig } from '../config.js';
import type { IdentityDb } from '../kernel/db.js';
import { openHubDatabase } from '../server.js';

/** The secrets of the clients `registerBenchClients` made. */
export interface BenchClients {
  /** `bench-service`: client_credentials, RS256 access tokens, scopes `accounts:read entitlements:read`. */
  serviceSecret: string;
  /** `bench-service-es256`: the same, its access tokens signed with ES256. */
  es256ServiceSecret: string;
  /** `bench-app`: a first-party app with the code flow and refresh tokens, redirecting to `redirectUri`. */
  appSecret: string;
  /** An account holding VIP (complimentary, for a year), whose entitlements the benches read. */
  memberSub: string;
}

/** The hub's services, as a hub would build them. */
export type BenchServices = ReturnType<typeof createServices>;

/**
 * Runs `work` with the hub's services on the database `env` names, before the hub starts (embedded PGlite is one
 * process at a time), with its signing keys made; the database is closed after. `env` must carry the
 * `ORBIT_KEY_ENCRYPTION_KEY` the hub will start with. `db` is for data written straight into the tables.
 */
export async function beforeHubStarts<T>(
  env: Record<string, string | undefined>,
  work: (services: BenchServices, db: IdentityDb) => Promise<T>,
): Promise<T> {
  const config = loadConfig(env);
  const handle = await openHubDatabase(config);
  try {
    const services = createServices(config, {
      db: handle.db,
      clock: systemClock,
      keyEncryptionKey: Buffer.from(env.ORBIT_KEY_ENCRYPTION_KEY!, 'base64url'),
    });
    await services.keys.ensureKeys();
    return await work(services, handle.db);
  } finally {
    await handle.close();
  }
}

/**
 * Registers the benches' clients (`npm run bench`, `npm run bench:compare`) on the hub's database named by `env`,
 * with its signing keys, before the hub starts: embedded PGlite is one process at a time. The environment must
 * carry the `ORBIT_KEY_ENCRYPTION_KEY` the hub will start with.
 */
export async function registerBenchClients(
  env: Record<string, string | undefined>,
  redirectUri: string,
): Promise<BenchClients> {
  return beforeHubStarts(env, async (services) => {
    const service = await services.clients.create({
      id: 'bench-service',
      name: 'Bench service',
      grantTypes: ['client_credentials'],
      scopes: ['accounts:read', 'entitlements:read'],
    });
    const es256Service = await services.clients.create({
      id: 'bench-service-es256',
      name: 'Bench service (ES256 access tokens)',
      grantTypes: ['client_credentials'],
      scopes: ['accounts:read'],
      accessTokenSignedResponseAlg: 'ES256',
    });
    const app = await services.clients.create({
      id: 'bench-app',
      name: 'Bench app',
      firstParty: true,
      redirectUris: [redirectUri],
    });
    // The default tiers, as the hub seeds them when it starts; an admin grants the member VIP.
    await services.seedDefaultTiers();
    const password = randomBytes(18).toString('base64url');
    const admin = await services.accounts.create({
      handle: `benchadmin${Date.now().toString(36)}`,
      displayName: 'Bench admin',
      password,
      roles: ['admin'],
    });
    const member = await services.accounts.create({
      handle: `benchmember${Date.now().toString(36)}`,
      displayName: 'Bench member',
      password,
    });
    await services.billing.complimentary.grant(
      admin.id,
      member.id,
      { tierId: 'vip', until: new Date(Date.now() + 365 * 86_400_000).toISOString(), reason: 'bench' },
      { ip: null, userAgent: 'bench' },
    );
    return {
      memberSub: member.id,
      serviceSecret: service.clientSecret!,
      es256ServiceSecret: es256Service.clientSecret!,
      appSecret: app.clientSecret!,
    };
  });
}
