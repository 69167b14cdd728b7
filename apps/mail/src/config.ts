import { resolve } from 'node:path';
import { z } from 'zod';

const httpUrl = z.url({ protocol: /^https?$/ });

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4101),
  HOST: z.string().min(1).optional(),
  ORBIT_HUB_URL: httpUrl.default('http://localhost:4000'),
  ORBIT_PUBLIC_URL: httpUrl.optional(),
  ORBIT_CREDENTIALS_FILE: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  ORBIT_DATA_DIR: z.string().min(1).default('./.orbit/data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `pretty`: readable lines (the launcher's default in development); `json`: one JSON object a line. */
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
  MAIL_DEFAULT_QUOTA_MB: z.coerce.number().positive().max(1_048_576).default(1024),
  MAIL_DEFAULT_ATTACHMENT_MB: z.coerce.number().positive().max(1024).default(10),
  MAIL_SEND_PER_MINUTE: z.coerce.number().int().positive().default(20),
  MAIL_SEND_PER_DAY: z.coerce.number().int().positive().default(300),
  /** How long an account's membership perks are reused before the hub is asked again (events clear it sooner). */
  MAIL_ENTITLEMENTS_CACHE_SECONDS: z.coerce.number().min(0).max(300).default(30),
});

const MIB = 1024 * 1024;

export interface Config {
  port: number;
  host: string | undefined;
  /** The hub's public origin, e.g. `http://localhost:4000`: OIDC issuer and service API. */
  hubUrl: string;
  /** Mail's own public origin, e.g. `http://localhost:4101`. */
  publicUrl: string;
  /**
   * The credentials file `services:register` writes (`{ issuer, clientId, clientSecret }`). Undefined only when
   * the data folder is `memory://` and no `ORBIT_CREDENTIALS_FILE` is set: such setups pass credentials directly.
   */
  credentialsFile: string | undefined;
  databaseUrl: string | undefined;
  /** Where embedded PGlite keeps Mail's data (`<ORBIT_DATA_DIR>/mail`), or `memory://`. */
  pgliteDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  logFormat: 'json' | 'pretty';
  /** How long the SDK reuses an account's entitlements. */
  entitlementsCacheMs: number;
  mail: {
    /** Mailbox size when the account has no membership perk that raises it. */
    defaultQuotaBytes: number;
    /** Largest single attachment when no perk raises it. */
    defaultAttachmentBytes: number;
    /** Sends per account per clock minute and per UTC day. */
    sendPerMinute: number;
    sendPerDay: number;
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * Reads Mail's configuration from the environment once, into a frozen object that is passed down.
 * Nothing else reads `process.env`. Bad values fail here, naming the variable to fix.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration — ${problems}`);
  }
  const e = parsed.data;
  const dataDir = e.ORBIT_DATA_DIR;
  const inMemory = dataDir === 'memory://';
  const defaultCredentials = inMemory ? undefined : resolve(dataDir, 'services', 'mail.json');
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    hubUrl: withoutTrailingSlash(e.ORBIT_HUB_URL),
    publicUrl: withoutTrailingSlash(e.ORBIT_PUBLIC_URL ?? `http://localhost:${e.PORT}`),
    credentialsFile: e.ORBIT_CREDENTIALS_FILE ? resolve(e.ORBIT_CREDENTIALS_FILE) : defaultCredentials,
    databaseUrl: e.DATABASE_URL,
    pgliteDir: inMemory ? dataDir : resolve(dataDir, 'mail'),
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    entitlementsCacheMs: e.MAIL_ENTITLEMENTS_CACHE_SECONDS * 1000,
    mail: Object.freeze({
      defaultQuotaBytes: Math.floor(e.MAIL_DEFAULT_QUOTA_MB * MIB),
      defaultAttachmentBytes: Math.floor(e.MAIL_DEFAULT_ATTACHMENT_MB * MIB),
      sendPerMinute: e.MAIL_SEND_PER_MINUTE,
      sendPerDay: e.MAIL_SEND_PER_DAY,
    }),
  });
}
