import { eq } from 'drizzle-orm';
import { accounts } from '../db/schema.js';
import type { Queryable } from '../kernel/db.js';
import { describeDevice } from '../kernel/devices.js';
import { isHubRole } from '../kernel/permissions.js';
import type { SecurityLogListener } from '../security/index.js';
import type { Email } from './email.js';

/** The portal's sign-in page: signing in cancels a scheduled deletion. */
const SIGN_IN_PATH = '/signin';
/** The portal page that asks for a reset link (B's forgot-password page), named in the lock notice. */
export const FORGOT_PASSWORD_PATH = '/forgot-password';
/**
 * The account center's security section, where the owner reviews the password, passkeys, recovery codes and the
 * security log — what every notice with a "Review your account" link is about (docs/account-center.md).
 */
const ACCOUNT_PATH = '/account/security';
/** At most one lock notice per account per hour: an attacker's attempts must not become a mail flood. */
const LOCK_NOTICE_INTERVAL_MS = 60 * 60_000;

/**
 * The security notices (docs/email.md): certain security-log entries mail the account's verified address, in the
 * transaction that records them. The code that records the entry knows nothing of mail.
 */
export function createSecurityNotices({
  email,
  issuer,
}: {
  email: Email;
  issuer: string;
}): SecurityLogListener {
  return async function securityNotice(event, q: Queryable) {
    const { accountId, at, ip } = event;
    const details = event.details ?? {};
    const device = describeDevice(event.userAgent);
    const accountLink = new URL(ACCOUNT_PATH, issuer).href;
    const displayName = async () => (await nameOf(q, accountId)) ?? '';
    switch (event.type) {
      case 'password.changed':
      case 'password.reset':
        await email.sendToAccount(
          accountId,
          'password_changed',
          {
            displayName: await displayName(),
            at,
            ip,
            device,
            accountLink,
            via: event.type === 'password.reset' ? 'reset' : 'change',
          },
          q,
        );
        return;
      case 'passkey.added':
      case 'passkey.removed':
        await email.sendToAccount(
          accountId,
          event.type === 'passkey.added' ? 'passkey_added' : 'passkey_removed',
          {
            displayName: await displayName(),
            passkeyName: String(details.name ?? ''),
            at,
            ip,
            device,
            accountLink,
          },
          q,
        );
        return;
      case 'recovery_code.used':
        await email.sendToAccount(
          accountId,
          'recovery_code_used',
          {
            displayName: await displayName(),
            remaining: Number(details.remaining ?? 0),
            at,
            ip,
            device,
            accountLink,
          },
          q,
        );
        return;
      case 'sign_in.locked': {
        const since = new Date(at.getTime() - LOCK_NOTICE_INTERVAL_MS);
        if (await email.sentSince(accountId, 'sign_in_locked', since, q)) return;
        const until = typeof details.until === 'string' || details.until instanceof Date ? details.until : at;
        await email.sendToAccount(
          accountId,
          'sign_in_locked',
          {
            displayName: await displayName(),
            until,
            ip,
            resetLink: new URL(FORGOT_PASSWORD_PATH, issuer).href,
          },
          q,
        );
        return;
      }
      case 'account.locked':
        // The owner is signed out everywhere at once: this says why, and who can help.
        await email.sendToAccount(
          accountId,
          'account_locked',
          { displayName: await displayName(), reason: String(details.reason ?? ''), at },
          q,
        );
        return;
      case 'account.deletion_scheduled':
        // Every session just ended: this says when the account goes, and that signing in keeps it.
        await email.sendToAccount(
          accountId,
          'account_deletion_scheduled',
          {
            displayName: await displayName(),
            scheduledFor: String(details.scheduledFor ?? at.toISOString()),
            signInLink: new URL(SIGN_IN_PATH, issuer).href,
            at,
            ip,
            device,
          },
          q,
        );
        return;
      case 'recovery_codes.reset':
        await email.sendToAccount(
          accountId,
          'recovery_codes_reset',
          { displayName: await displayName(), at, ip, device, accountLink },
          q,
        );
        return;
      case 'role.granted':
      case 'role.revoked': {
        // Hub roles only: they give power over other people's accounts. A service's roles are its own business.
        const role = String(details.role ?? '');
        if (!isHubRole(role)) return;
        await email.sendToAccount(
          accountId,
          'staff_role_changed',
          {
            displayName: await displayName(),
            role,
            change: event.type === 'role.granted' ? 'granted' : 'revoked',
            at,
            ip,
            device,
            accountLink,
          },
          q,
        );
        return;
      }
      default:
        return;
    }
  };
}

async function nameOf(q: Queryable, accountId: string): Promise<string | undefined> {
  const [row] = await q
    .select({ displayName: accounts.displayName })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return row?.displayName;
}
