import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';

const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).optional(),
  ORBIT_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  ORBIT_DATA_DIR: z.string().min(1).default('./.orbit/data'),
  ORBIT_PORTAL_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ORBIT_TRUST_PROXY: boolean.default(false),
  ORBIT_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .positive()
    .default(3 * 24 * 60),
  ORBIT_SESSION_ABSOLUTE_DAYS: z.coerce.number().positive().default(30),
  ORBIT_SETUP_LINK_MINUTES: z.coerce.number().int().positive().default(60),
  ORBIT_KEY_ENCRYPTION_KEY: z.string().min(43).optional(),
  ORBIT_ACCESS_TOKEN_SECONDS: z.coerce.number().int().min(30).max(86_400).default(600),
  ORBIT_ID_TOKEN_SECONDS: z.coerce.number().int().min(30).max(86_400).default(3600),
  ORBIT_REFRESH_TOKEN_DAYS: z.coerce.number().positive().default(30),
  ORBIT_JWKS_MAX_AGE_SECONDS: z.coerce.number().int().min(0).default(300),
});

export interface Config {
  port: number;
  host: string | undefined;
  /** Public origin of the hub, e.g. `http://localhost:4000`; later the OIDC issuer. */
  issuer: string;
  /** True when the issuer is https: cookies get `Secure` and the `__Host-` prefix. */
  secureCookies: boolean;
  databaseUrl: string | undefined;
  /** Where embedded PGlite keeps the hub's data (`<ORBIT_DATA_DIR>/identity`), or `memory://`. */
  pgliteDir: string;
  portalDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  trustProxy: boolean;
  session: { idleMs: number; absoluteMs: number };
  setupLinkMs: number;
  /** The key that encrypts signing keys at rest; absent: a generated one kept in the data dir. */
  keyEncryptionKey: string | undefined;
  /** Where a generated key-encryption key is kept (undefined for an in-memory database). */
  keyEncryptionKeyFile: string | undefined;
  /** Where `services:register` writes each service's credentials (`<ORBIT_DATA_DIR>/services`); undefined with `memory://`. */
  servicesDir: string | undefined;
  oidc: {
    accessTokenMs: number;
    idTokenMs: number;
    refreshTokenMs: number;
    /** Authorization codes live at most a minute (RFC 9700 recommends short-lived codes). */
    codeMs: number;
    /** Pending sign-in/consent interactions. */
    interactionMs: number;
    /** JWKS `Cache-Control: max-age`; a new key is published twice this long before it signs. */
    jwksMaxAgeSeconds: number;
  };
  /** Sign-in throttling: failures allowed per window before the key is locked for `lockMs`. */
  throttle: { accountLimit: number; ipLimit: number; windowMs: number; lockMs: number };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function defaultPortalDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@orbit/portal/package.json')), 'dist');
}

/**
 * Reads the hub's configuration from the environment once, into a frozen object that is passed down.
 * Nothing else reads `process.env`. Bad values fail here, naming the variable to fix.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration — ${problems}`);
  }
  const e = parsed.data;
  const issuer = (e.ORBIT_ISSUER ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const dataDir = e.ORBIT_DATA_DIR;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    issuer,
    secureCookies: issuer.startsWith('https://'),
    databaseUrl: e.DATABASE_URL,
    pgliteDir: dataDir === 'memory://' ? dataDir : resolve(dataDir, 'identity'),
    portalDir: e.ORBIT_PORTAL_DIR ? resolve(e.ORBIT_PORTAL_DIR) : defaultPortalDir(),
    logLevel: e.LOG_LEVEL,
    trustProxy: e.ORBIT_TRUST_PROXY,
    session: {
      idleMs: e.ORBIT_SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: e.ORBIT_SESSION_ABSOLUTE_DAYS * 24 * 60 * 60_000,
    },
    setupLinkMs: e.ORBIT_SETUP_LINK_MINUTES * 60_000,
    keyEncryptionKey: e.ORBIT_KEY_ENCRYPTION_KEY,
    keyEncryptionKeyFile: dataDir === 'memory://' ? undefined : resolve(dataDir, 'identity-kek.secret'),
    servicesDir: dataDir === 'memory://' ? undefined : resolve(dataDir, 'services'),
    oidc: {
      accessTokenMs: e.ORBIT_ACCESS_TOKEN_SECONDS * 1000,
      idTokenMs: e.ORBIT_ID_TOKEN_SECONDS * 1000,
      refreshTokenMs: e.ORBIT_REFRESH_TOKEN_DAYS * 24 * 60 * 60_000,
      codeMs: 60_000,
      interactionMs: 30 * 60_000,
      jwksMaxAgeSeconds: e.ORBIT_JWKS_MAX_AGE_SECONDS,
    },
    throttle: { accountLimit: 10, ipLimit: 100, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  });
}
