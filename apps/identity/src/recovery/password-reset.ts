import { eq } from 'drizzle-orm';
import type { Accounts } from '../accounts/index.js';
import { checkPasswordPolicy, isAccountNumber } from '../accounts/index.js';
import type { Clock } from '../clock.js';
import { type AccountRow, signInThrottles } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import type { RequestOrigin } from '../kernel/guards.js';
import type { Grants } from '../oidc/index.js';
import type { SecurityLog } from '../security/index.js';
import type { Sessions } from '../sessions/index.js';
import type { Throttle } from '../sign-in/index.js';
import { HOUR_MS, RESET_LINK_MS, type RecoveryMail } from './mail.js';
import type { EmailTokens } from './tokens.js';

/** Reset links one account is mailed in an hour; requests beyond get the same answer and no mail. */
export const RESET_MAILS_PER_HOUR = 3;
/** Reset requests one address may make per throttle window before 429 (they reveal nothing, so a few suffice). */
export const RESET_REQUESTS_PER_IP = 10;

export const invalidResetToken = () =>
  new AppError(
    404,
    'password_reset.invalid_token',
    'This reset link is not valid: it was used, has expired, or never existed. Ask for a new one.',
  );

const via = (identifier: string) =>
  isAccountNumber(identifier) ? 'number' : identifier.includes('@') ? 'email' : 'handle';

/**
 * Forgot password (OWASP Forgot Password Cheat Sheet). A request answers the same whatever it names; a link goes
 * only to a verified address, at most a few an hour. Using the link sets the password and ends everything the old
 * one opened — sessions (with back-channel logout), refresh tokens — but signs nobody in, so an account with a
 * passkey still needs it (or a recovery code) at its next sign-in.
 */
export function createPasswordReset({
  db,
  clock,
  accounts,
  tokens,
  mail,
  securityLog,
  sessions,
  grants,
  throttle,
}: {
  db: IdentityDb;
  clock: Clock;
  accounts: Accounts;
  tokens: EmailTokens;
  mail: RecoveryMail;
  securityLog: SecurityLog;
  sessions: Sessions;
  grants: Grants;
  throttle: Throttle;
}) {
  async function liveToken(token: string) {
    const row = await tokens.find(token, 'password_reset');
    const account = row ? await accounts.byId(row.accountId) : undefined;
    // A link is good only while it went to the account's current verified address.
    if (!row || !account?.emailVerifiedAt || account.email?.toLowerCase() !== row.address.toLowerCase()) {
      throw invalidResetToken();
    }
    return { row, account };
  }

  /** Issues a link to the account's verified address and mails it, in the caller's transaction. */
  async function mailLink(
    account: AccountRow & { email: string },
    origin: RequestOrigin,
    details: Record<string, unknown>,
    q: Queryable,
  ): Promise<{ expiresAt: Date }> {
    const { link, expiresAt } = await tokens.issue(
      { accountId: account.id, purpose: 'password_reset', address: account.email, lifetimeMs: RESET_LINK_MS },
      q,
    );
    await mail.sendToAccount(
      account.id,
      'password_reset',
      { displayName: account.displayName, link, expiresMinutes: RESET_LINK_MS / 60_000 },
      q,
    );
    await securityLog.record(
      { ...origin, accountId: account.id, type: 'password_reset.requested', details },
      q,
    );
    return { expiresAt };
  }

  return {
    /**
     * Staff sending the owner a reset link (admin/accounts): the same link and mail, to the verified address only
     * (409 `account.no_verified_email`), in the caller's transaction (with its audit entry). Not capped per hour
     * like a request from the sign-in page: staff act for the owner, and each one is audited.
     */
    async sendForStaff(
      account: AccountRow,
      origin: RequestOrigin,
      by: string,
      q: Queryable,
    ): Promise<{ expiresAt: Date }> {
      if (!account.email || !account.emailVerifiedAt) {
        throw new AppError(
          409,
          'account.no_verified_email',
          'This account has no verified email address to send a reset link to.',
        );
      }
      return mailLink({ ...account, email: account.email }, origin, { via: 'staff', by }, q);
    },

    /** Mails a link when the identifier names an account with a verified address; throws only the per-IP 429. */
    async request(identifier: string, origin: RequestOrigin): Promise<void> {
      if (origin.ip) {
        const key = { key: `password_reset:ip:${origin.ip}`, limit: RESET_REQUESTS_PER_IP };
        const wait = await throttle.retryAfter([key]);
        if (wait > 0) {
          throw new AppError(
            429,
            'password_reset.too_many_requests',
            'Too many reset requests from this address. Wait, then try again.',
            { retryAfterSeconds: wait },
            { 'Retry-After': String(wait) },
          );
        }
        await throttle.recordFailure([key]);
      }
      const account = await accounts.byIdentifier(identifier);
      if (!account?.email || !account.emailVerifiedAt) return;
      const since = new Date(clock.now().getTime() - HOUR_MS);
      if ((await tokens.countSince(account.id, 'password_reset', since)) >= RESET_MAILS_PER_HOUR) return;
      const email = account.email;
      await db.transaction((tx) => mailLink({ ...account, email }, origin, { via: via(identifier) }, tx));
    },

    /** Whether a link is still good, without spending it (the page asks before showing its form). */
    async check(token: string): Promise<{ expiresAt: Date }> {
      const { row } = await liveToken(token);
      return { expiresAt: row.expiresAt };
    },

    /** Sets the new password and spends the link, ending every session and refresh token, in one transaction. */
    async confirm(token: string, password: string, origin: RequestOrigin): Promise<{ accountId: string }> {
      const { account } = await liveToken(token);
      checkPasswordPolicy(password, 'password', [account.handle, account.displayName, account.email ?? '']);
      await db.transaction(async (tx) => {
        const spent = await tokens.spend(token, 'password_reset', tx);
        if (!spent || spent.accountId !== account.id) throw invalidResetToken();
        await tokens.spendAll(account.id, 'password_reset', tx);
        await accounts.changePassword(account.id, password, tx);
        await sessions.revokeAll(account.id, tx);
        await grants.revokeAllOfAccount(account.id, 'password_reset', tx);
        // The owner proved the mailbox: failures from before (theirs or an attacker's) no longer lock them out.
        await tx.delete(signInThrottles).where(eq(signInThrottles.key, `account:${account.id}`));
        await securityLog.record({ ...origin, accountId: account.id, type: 'password.reset' }, tx);
      });
      await sessions.ended();
      return { accountId: account.id };
    },
  };
}

export type PasswordReset = ReturnType<typeof createPasswordReset>;
