import { createServices } from '../app.js';
import { systemClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { openHubDatabase } from '../server.js';

/** The secrets of the clients `registerBenchClients` made. */
export interface BenchClients {
  /** `bench-service`: client_credentials, RS256 access tokens, scope `accounts:read`. */
  serviceSecret: string;
  /** `bench-service-es256`: the same, its access tokens signed with ES256. */
  es256ServiceSecret: string;
  /** `bench-app`: a first-party app with the code flow and refresh tokens, redirecting to `redirectUri`. */
  appSecret: string;
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
  const config = loadConfig(env);
  const handle = await openHubDatabase(config);
  try {
    const services = createServices(config, {
      db: handle.db,
      clock: systemClock,
      keyEncryptionKey: Buffer.from(env.ORBIT_KEY_ENCRYPTION_KEY!, 'base64url'),
    });
    await services.keys.ensureKeys();
    const service = await services.clients.create({
      id: 'bench-service',
      name: 'Bench service',
      grantTypes: ['client_credentials'],
      scopes: ['accounts:read'],
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
    return {
      serviceSecret: service.clientSecret!,
      es256ServiceSecret: es256Service.clientSecret!,
      appSecret: app.clientSecret!,
    };
  } finally {
    await handle.close();
  }
}
