import { join, resolve } from 'node:path';
import { z } from 'zod';
import { manifest } from './manifest.js';

const httpUrl = z.url({ protocol: /^https?$/ });

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(manifest.defaultPort),
  ORBIT_HUB_URL: httpUrl.default('http://localhost:4000'),
  ORBIT_PUBLIC_URL: httpUrl.optional(),
  ORBIT_CREDENTIALS_FILE: z.string().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  ORBIT_DATA_DIR: z.string().default('./.orbit/data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  /** The hub's public origin, e.g. `http://localhost:4000`: the OIDC issuer. */
  hubUrl: string;
  /** This service's own public origin, the one it is registered with at the hub. */
  publicUrl: string;
  /** The credentials file `services:register` writes: `{ issuer, clientId, clientSecret }`. */
  credentialsFile: string;
  /** `postgres://…` to use PostgreSQL; undefined means embedded PGlite in `pgliteDir`. */
  databaseUrl: string | undefined;
  /** `<ORBIT_DATA_DIR>/<id>`, or `memory://`. */
  pgliteDir: string;
  logLevel: z.output<typeof envSchema>['LOG_LEVEL'];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * Reads the configuration from the environment once, into a frozen object that is passed down; nothing else
 * reads `process.env`. An empty variable counts as unset. A bad value fails here, naming the variable.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(set);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration — ${problems}`);
  }
  const e = parsed.data;
  const inMemory = e.ORBIT_DATA_DIR === 'memory://';
  if (inMemory && !e.ORBIT_CREDENTIALS_FILE) {
    throw new ConfigError(
      'Invalid configuration — set ORBIT_CREDENTIALS_FILE when ORBIT_DATA_DIR is memory://',
    );
  }
  // Where `services:register` writes them.
  const defaultCredentials = join(e.ORBIT_DATA_DIR, 'services', `${manifest.id}.json`);
  return Object.freeze({
    port: e.PORT,
    hubUrl: withoutTrailingSlash(e.ORBIT_HUB_URL),
    publicUrl: withoutTrailingSlash(e.ORBIT_PUBLIC_URL ?? `http://localhost:${e.PORT}`),
    credentialsFile: resolve(e.ORBIT_CREDENTIALS_FILE ?? defaultCredentials),
    databaseUrl: e.DATABASE_URL,
    pgliteDir: inMemory ? e.ORBIT_DATA_DIR : resolve(e.ORBIT_DATA_DIR, manifest.id),
    logLevel: e.LOG_LEVEL,
  });
}
