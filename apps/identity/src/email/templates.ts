import type { Locale } from '../db/schema.js';
import { renderHtml, renderText } from './layout.js';
import { en } from './templates-en.js';
import { zhCN } from './templates-zh-CN.js';

/** When and where a security-relevant change was made, as a notice tells it. */
interface Origin {
  at: Date | string;
  /** null when the hub could not tell (no client address). */
  ip: string | null;
  /** e.g. "Chrome on macOS" (sessions/sessions.ts `describeDevice`). */
  device: string;
  /** Where the owner reviews the account's passkeys and sessions (the portal's account page): a button when given. */
  accountLink?: string | undefined;
}

/** Every message the hub writes, with the data each one needs. Links are absolute URLs on the issuer. */
export interface TemplateData {
  email_verify: { displayName: string; link: string; expiresHours: number };
  /** To the OLD address, after a change (`newEmail` null: the address was removed). */
  email_changed: { displayName: string; newEmail: string | null; undoLink: string; undoHours: number };
  /** To an address someone tried to sign up with, when it already belongs to an account. */
  signup_email_in_use: { signInLink: string; resetLink: string };
  password_reset: { displayName: string; link: string; expiresMinutes: number };
  password_changed: Origin & { displayName: string; via: 'change' | 'reset' };
  passkey_added: Origin & { displayName: string; passkeyName: string };
  passkey_removed: Origin & { displayName: string; passkeyName: string };
  recovery_code_used: Origin & { displayName: string; remaining: number };
  sign_in_locked: { displayName: string; until: Date | string; ip: string | null; resetLink: string };
  /** An admin gave or took away a hub role (admin, support): staff power over other people's accounts. */
  staff_role_changed: Origin & { displayName: string; role: string; change: 'granted' | 'revoked' };
  /** Staff locked the account (admin/accounts/lock.ts): why, and that support can unlock it. */
  account_locked: { displayName: string; reason: string; at: Date | string };
  /** Staff voided the account's recovery codes: the owner should make new ones. */
  recovery_codes_reset: Origin & { displayName: string };
  /**
   * The owner asked for the account's deletion (account-lifecycle): when it happens, and that signing in before
   * then (`signInLink`) cancels it.
   */
  account_deletion_scheduled: Origin & {
    displayName: string;
    scheduledFor: Date | string;
    signInLink: string;
  };
  /**
   * A notification the account chose to get by email too (notifications module): its text, already written in
   * the account's language, where it links, and the page where the owner turns such mail off.
   */
  notification: { displayName: string; text: string; link: string | null; preferencesLink: string };
  /**
   * The daily digest (notifications module): the last day's unread notifications not mailed yet, each in the
   * account's language with where it links, how many more there are, the bell's page and the preferences.
   */
  notification_digest: {
    displayName: string;
    items: { text: string; link: string | null }[];
    more: number;
    link: string;
    preferencesLink: string;
  };
}
export type TemplateName = keyof TemplateData;

export const templateNames = [
  'email_verify',
  'email_changed',
  'signup_email_in_use',
  'password_reset',
  'password_changed',
  'passkey_added',
  'passkey_removed',
  'recovery_code_used',
  'sign_in_locked',
  'staff_role_changed',
  'account_locked',
  'recovery_codes_reset',
  'account_deletion_scheduled',
  'notification',
  'notification_digest',
] as const satisfies readonly TemplateName[];

/**
 * A message before layout: plain strings, never markup. The layout escapes each of them for HTML, so a value
 * (a display name, a passkey's name) can never become markup.
 */
export interface Composed {
  subject: string;
  /** The first line a mail client shows in its list. */
  preview: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Label and value pairs, e.g. When / Where / Device. */
  facts?: [string, string][];
  /** Paragraphs after the button. */
  after?: string[];
  /** The footer: why the recipient got this message. */
  reason: string;
}

/** What a locale's templates are given besides the data: the product name and a way to write a time. */
export interface ComposeContext {
  product: string;
  time(at: Date | string): string;
}

export type LocaleTemplates = {
  [T in TemplateName]: (data: TemplateData[T], ctx: ComposeContext) => Composed;
};

const byLocale: Record<Locale, LocaleTemplates> = { en, 'zh-CN': zhCN };

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/**
 * Writes one message in a language: subject, plain text and HTML. Times are written in `timeZone` (the
 * account's, else UTC), with the zone named.
 */
export function renderEmail<T extends TemplateName>(
  template: T,
  locale: Locale,
  data: TemplateData[T],
  { product, timeZone = 'UTC' }: { product: string; timeZone?: string | undefined },
): RenderedEmail {
  const format = new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone,
  });
  const zoneName = (d: Date) =>
    new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
      .formatToParts(d)
      .find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  const time = (at: Date | string) => {
    const d = new Date(at);
    return Number.isNaN(d.getTime()) ? String(at) : `${format.format(d)} (${zoneName(d)})`;
  };
  const compose = byLocale[locale][template] as (data: TemplateData[T], ctx: ComposeContext) => Composed;
  const composed = compose(data, { product, time });
  return {
    subject: composed.subject,
    text: renderText(composed, product),
    html: renderHtml(composed, product, locale),
  };
}
