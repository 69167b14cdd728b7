import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  /** `pretty`: readable lines (the launcher's default in development); `json`: one JSON object a line. */
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
  ORBIT_TRUST_PROXY: boolean.default(false),
  ORBIT_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .positive()
    // Browsers (and Hono) refuse cookies that live more than 400 days.
    .max(400 * 24 * 60)
    .default(3 * 24 * 60),
  ORBIT_SESSION_ABSOLUTE_DAYS: z.coerce.number().positive().max(400).default(30),
  /** Days a member keeps their perks after a renewal charge fails, while it is retried. */
  ORBIT_MEMBERSHIP_GRACE_DAYS: z.coerce.number().min(0).max(30).default(3),
  ORBIT_SETUP_LINK_MINUTES: z.coerce.number().int().positive().default(60),
  /** Hub processes on this machine sharing the port (node:cluster); more than one needs DATABASE_URL. */
  ORBIT_HUB_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  /** On SIGTERM, how long `/readyz` answers 503 before the hub stops listening (a balancer's time to notice). */
  ORBIT_STOP_DRAIN_SECONDS: z.coerce.number().min(0).max(5).default(0),
  ORBIT_KEY_ENCRYPTION_KEY: z.string().min(43).optional(),
  ORBIT_ACCESS_TOKEN_SECONDS: z.coerce.number().int().min(30).max(86_400).default(600),
  ORBIT_ID_TOKEN_SECONDS: z.coerce.number().int().min(30).max(86_400).default(3600),
  ORBIT_REFRESH_TOKEN_DAYS: z.coerce.number().positive().default(30),
  /** The absolute end of a refresh-token chain, counted from the grant: rotation never extends it. */
  ORBIT_REFRESH_TOKEN_MAX_DAYS: z.coerce.number().positive().max(3650).default(90),
  /** Outgoing mail; unset means the development outbox (printed and listed for admins, never sent). */
  ORBIT_SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  ORBIT_EMAIL_FROM: z.string().min(3).max(320).optional(),
  /** Sign-ups allowed from one address per hour; 0 turns the limit off (test harnesses, a trusted intranet). */
  ORBIT_SIGN_UPS_PER_IP_HOUR: z.coerce.number().int().min(0).max(100_000).default(10),
  /** People searches (`/api/social/search`) one account may make in ten minutes. */
  ORBIT_PEOPLE_SEARCHES_PER_10_MIN: z.coerce.number().int().min(1).max(100_000).default(60),
  /** Profile look-ups (`/api/people/<number>`) one caller may make in ten minutes. */
  ORBIT_PROFILE_VIEWS_PER_10_MIN: z.coerce.number().int().min(1).max(100_000).default(300),
  ORBIT_JWKS_MAX_AGE_SECONDS: z.coerce.number().int().min(0).default(300),
  ORBIT_WEBAUTHN_RP_ID: z
    .string()
    .regex(/^[a-z0-9.-]+$/i, 'must be a host name, like example.com')
    .optional(),
  ORBIT_WEBAUTHN_RP_NAME: z.string().min(1).max(64).default('Orbit'),
  ORBIT_WEBAUTHN_ORIGINS: z.string().min(1).optional(),
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
  logFormat: 'json' | 'pretty';
  trustProxy: boolean;
  session: { idleMs: number; absoluteMs: number };
  setupLinkMs: number;
  /** How many hub processes `main.ts` runs on this machine, sharing the port (`ORBIT_HUB_PROCESSES`). */
  processes: number;
  /** On SIGTERM: how long readiness answers 503 before the hub stops listening (`ORBIT_STOP_DRAIN_SECONDS`). */
  stopDrainMs: number;
  /** The key that encrypts signing keys at rest; absent: a generated one kept in the data dir. */
  keyEncryptionKey: string | undefined;
  /** Where a generated key-encryption key is kept (undefined for an in-memory database). */
  keyEncryptionKeyFile: string | undefined;
  /** Where `services:register` writes each service's credentials (`<ORBIT_DATA_DIR>/services`); undefined with `memory://`. */
  servicesDir: string | undefined;
  /** The admin channel the running hub listens on for the CLI (`<ORBIT_DATA_DIR>/run/hub.sock`); none with `memory://`. */
  adminSocket: string | undefined;
  oidc: {
    accessTokenMs: number;
    idTokenMs: number;
    refreshTokenMs: number;
    /** A refresh-token chain ends this long after its grant was made, however often it rotates. */
    refreshTokenMaxMs: number;
    /** Authorization codes live at most a minute (RFC 9700 recommends short-lived codes). */
    codeMs: number;
    /** Pending sign-in/consent interactions. */
    interactionMs: number;
    /** JWKS `Cache-Control: max-age`; a new key is published twice this long before it signs. */
    jwksMaxAgeSeconds: number;
  };
  /** WebAuthn relying party: the rpID passkeys are scoped to, its display name, and the origins allowed to use them. */
  webauthn: { rpId: string; rpName: string; origins: string[] };
  /** Membership billing: how long a failed renewal keeps its perks while it is retried. */
  membership: { graceMs: number };
  /**
   * The social graph's allowances per ten minutes (enumeration guards): people searches per account, profile
   * look-ups per caller (an account, or an address when signed out).
   */
  social: { searchesPerWindow: number; profilesPerWindow: number };
  /**
   * Outgoing mail: SMTP when `smtpUrl` is set, else the development outbox. `from` is the sender every message
   * carries (`Orbit <no-reply@<issuer host>>` unless `ORBIT_EMAIL_FROM` says otherwise).
   */
  email: { smtpUrl: string | undefined; from: string };
  /**
   * Sign-in throttling: failures allowed per window before the key is locked for `lockMs`. An attempt from a
   * browser holding a valid device cookie for the account counts against that device only (`deviceLimit`);
   * unknown devices share `accountLimit`; every attempt from an unknown device counts against its address too.
   */
  throttle: {
    accountLimit: number;
    ipLimit: number;
    windowMs: number;
    lockMs: number;
    /** Failures one trusted device may make before it, too, falls back to the shared per-account limit. */
    deviceLimit: number;
    /** How long a device cookie vouches for a browser after its last successful sign-in. */
    deviceCookieMs: number;
    /** Accounts one browser's device cookie remembers (the most recent); bounds the cookie's size. */
    deviceCookieMaxAccounts: number;
    /** Sign-ups per address per `signUpWindowMs`; 0 means no limit. */
    signUpIpLimit: number;
    signUpWindowMs: number;
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * The rpID must be the origins' host name or a registrable suffix of it (WebAuthn §5.1.4.1 / §7.1 step 8), so a
 * mismatch is refused at start rather than at the first ceremony.
 */
function webauthnConfig(
  issuer: string,
  e: {
    ORBIT_WEBAUTHN_RP_ID?: string | undefined;
    ORBIT_WEBAUTHN_RP_NAME: string;
    ORBIT_WEBAUTHN_ORIGINS?: string | undefined;
  },
): Config['webauthn'] {
  const rpId = (e.ORBIT_WEBAUTHN_RP_ID ?? new URL(issuer).hostname).toLowerCase();
  const origins = (e.ORBIT_WEBAUTHN_ORIGINS ?? new URL(issuer).origin)
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let host: string;
    try {
      const url = new URL(origin);
      if (url.origin !== origin.replace(/\/+$/, '')) throw new Error('not an origin');
      host = url.hostname;
    } catch {
      throw new ConfigError(
        `Invalid configuration — ORBIT_WEBAUTHN_ORIGINS: ${origin} is not an origin like https://example.com`,
      );
    }
    if (host !== rpId && !host.endsWith(`.${rpId}`)) {
      throw new ConfigError(
        `Invalid configuration — ORBIT_WEBAUTHN_RP_ID: ${rpId} is not ${host} or a parent domain of it (origin ${origin})`,
      );
    }
  }
  return { rpId, rpName: e.ORBIT_WEBAUTHN_RP_NAME, origins: origins.map((o) => o.replace(/\/+$/, '')) };
}

/**
 * The portal's build beside the hub in the repository (`apps/portal/dist`), unless `ORBIT_PORTAL_DIR` names
 * another folder. The hub does not depend on the portal's package: a portal edit rebuilds and retests the portal
 * and the browser tests, not the hub and every service whose tests start one.
 */
function defaultPortalDir(): string {
  return fileURLToPath(new URL('../../portal/dist', import.meta.url));
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
  const webauthn = webauthnConfig(issuer, e);
  if (e.ORBIT_HUB_PROCESSES > 1 && !e.DATABASE_URL) {
    throw new ConfigError(
      'Invalid configuration — ORBIT_HUB_PROCESSES: more than one hub process needs DATABASE_URL (PostgreSQL); ' +
        'the embedded database belongs to one process.',
    );
  }
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    issuer,
    secureCookies: issuer.startsWith('https://'),
    databaseUrl: e.DATABASE_URL,
    pgliteDir: dataDir === 'memory://' ? dataDir : resolve(dataDir, 'identity'),
    portalDir: e.ORBIT_PORTAL_DIR ? resolve(e.ORBIT_PORTAL_DIR) : defaultPortalDir(),
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    trustProxy: e.ORBIT_TRUST_PROXY,
    session: {
      idleMs: e.ORBIT_SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: e.ORBIT_SESSION_ABSOLUTE_DAYS * 24 * 60 * 60_000,
    },
    setupLinkMs: e.ORBIT_SETUP_LINK_MINUTES * 60_000,
    processes: e.ORBIT_HUB_PROCESSES,
    stopDrainMs: e.ORBIT_STOP_DRAIN_SECONDS * 1000,
    keyEncryptionKey: e.ORBIT_KEY_ENCRYPTION_KEY,
    keyEncryptionKeyFile: dataDir === 'memory://' ? undefined : resolve(dataDir, 'identity-kek.secret'),
    servicesDir: dataDir === 'memory://' ? undefined : resolve(dataDir, 'services'),
    adminSocket: dataDir === 'memory://' ? undefined : resolve(dataDir, 'run', 'hub.sock'),
    oidc: {
      accessTokenMs: e.ORBIT_ACCESS_TOKEN_SECONDS * 1000,
      idTokenMs: e.ORBIT_ID_TOKEN_SECONDS * 1000,
      refreshTokenMs: e.ORBIT_REFRESH_TOKEN_DAYS * 24 * 60 * 60_000,
      refreshTokenMaxMs: e.ORBIT_REFRESH_TOKEN_MAX_DAYS * 24 * 60 * 60_000,
      codeMs: 60_000,
      interactionMs: 30 * 60_000,
      jwksMaxAgeSeconds: e.ORBIT_JWKS_MAX_AGE_SECONDS,
    },
    webauthn,
    email: {
      smtpUrl: e.ORBIT_SMTP_URL,
      from: e.ORBIT_EMAIL_FROM ?? `Orbit <no-reply@${new URL(issuer).hostname}>`,
    },
    membership: { graceMs: e.ORBIT_MEMBERSHIP_GRACE_DAYS * 24 * 60 * 60_000 },
    social: {
      searchesPerWindow: e.ORBIT_PEOPLE_SEARCHES_PER_10_MIN,
      profilesPerWindow: e.ORBIT_PROFILE_VIEWS_PER_10_MIN,
    },
    throttle: {
      accountLimit: 10,
      ipLimit: 100,
      windowMs: 15 * 60_000,
      lockMs: 15 * 60_000,
      deviceLimit: 10,
      deviceCookieMs: 180 * 24 * 60 * 60_000,
      deviceCookieMaxAccounts: 5,
      signUpIpLimit: e.ORBIT_SIGN_UPS_PER_IP_HOUR,
      signUpWindowMs: 60 * 60_000,
    },
  });
}
