import { ConfigError, loadServiceConfig, type ServiceConfig } from '@orbit/sdk/server';
import { z } from 'zod';
import { manifest } from './manifest.js';

export { ConfigError };

/** Mail's own variables, beside those every service reads (`@orbit/sdk/server`). */
const mailEnv = {
  MAIL_DEFAULT_QUOTA_MB: z.coerce.number().positive().max(1_048_576).default(1024),
  MAIL_DEFAULT_ATTACHMENT_MB: z.coerce.number().positive().max(1024).default(10),
  MAIL_SEND_PER_MINUTE: z.coerce.number().int().positive().default(20),
  MAIL_SEND_PER_DAY: z.coerce.number().int().positive().default(300),
  /** How long an account's membership perks are reused before the hub is asked again (events clear it sooner). */
  MAIL_ENTITLEMENTS_CACHE_SECONDS: z.coerce.number().min(0).max(300).default(30),
};

const MIB = 1024 * 1024;

/** What every service is configured with (port, hub, public URL, credentials, database, logs), and Mail's own. */
export interface Config extends ServiceConfig {
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

/**
 * Reads Mail's configuration from the environment once, into a frozen object that is passed down.
 * Nothing else reads `process.env`. Bad values fail here, naming the variable to fix.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const { own: e, ...service } = loadServiceConfig(manifest, env, mailEnv);
  return Object.freeze({
    ...service,
    entitlementsCacheMs: e.MAIL_ENTITLEMENTS_CACHE_SECONDS * 1000,
    mail: Object.freeze({
      defaultQuotaBytes: Math.floor(e.MAIL_DEFAULT_QUOTA_MB * MIB),
      defaultAttachmentBytes: Math.floor(e.MAIL_DEFAULT_ATTACHMENT_MB * MIB),
      sendPerMinute: e.MAIL_SEND_PER_MINUTE,
      sendPerDay: e.MAIL_SEND_PER_DAY,
    }),
  });
}
