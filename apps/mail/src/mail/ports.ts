import type { Config } from '../config.js';
import type { Address } from '../db/schema.js';

/**
 * How Mail finds accounts: the hub's `POST /api/v1/accounts/lookup`, behind an interface so the domain does not
 * depend on HTTP. Identifiers are account numbers or handles; `accounts` is keyed by the identifier asked for.
 */
export interface Directory {
  lookup(identifiers: string[]): Promise<{ accounts: Record<string, Address>; unknown: string[] }>;
}

/** What one account may store and attach; membership perks raise them. */
export interface MailLimits {
  quotaBytes: number;
  attachmentBytes: number;
}

export type LimitsOf = (sub: string) => Promise<MailLimits>;

/** Sends per account: fixed windows of one clock minute and one UTC day. */
export interface SendRate {
  perMinute: number;
  perDay: number;
}

/** Recipients of one message (to and cc, distinct accounts); also the limit the UI shows. Declared with the API. */
export { MAX_RECIPIENTS } from '../contracts.js';

/** The same limits for every account: the configured defaults, until perks are read from the hub. */
export function fixedLimits(limits: MailLimits): LimitsOf {
  const frozen = Object.freeze({ ...limits });
  return async () => frozen;
}

/** The display snapshot stored on a message, whatever else the directory's answer carries. */
export function toAddress(account: Address): Address {
  return {
    sub: account.sub,
    accountNumber: String(account.accountNumber),
    handle: account.handle,
    displayName: account.displayName,
  };
}

/** The configured defaults (`MAIL_DEFAULT_QUOTA_MB`, `MAIL_DEFAULT_ATTACHMENT_MB`) for every account. */
export function configuredLimits(mail: Config['mail']): LimitsOf {
  return fixedLimits({ quotaBytes: mail.defaultQuotaBytes, attachmentBytes: mail.defaultAttachmentBytes });
}

/** The configured send rate (`MAIL_SEND_PER_MINUTE`, `MAIL_SEND_PER_DAY`). */
export function configuredRate(mail: Config['mail']): SendRate {
  return { perMinute: mail.sendPerMinute, perDay: mail.sendPerDay };
}
