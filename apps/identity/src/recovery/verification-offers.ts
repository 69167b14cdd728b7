import { and, asc, eq, gt, ne, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import { type AccountRow, accounts } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import type { RequestOrigin } from '../kernel/guards.js';
import type { SecurityLog } from '../security/index.js';
import { securityEvents } from '../security/index.js';
import { HOUR_MS, type RecoveryMail, VERIFY_LINK_MS } from './mail.js';
import type { EmailTokens } from './tokens.js';

/** Verification links an account may have sent in an hour (sign-up, changes and resends together). */
export const VERIFICATIONS_PER_HOUR = 5;

export type OfferPurpose = 'sign_up' | 'change' | 'resend';

/**
 * Sending an address its verification link — or, when another account already has the address, that account's
 * owner a notice instead — so that what the asker sees (the answer, their own security log) is the same either way.
 */
export function createVerificationOffers({
  db,
  clock,
  issuer,
  tokens,
  mail,
  securityLog,
}: {
  db: IdentityDb;
  clock: Clock;
  issuer: string;
  tokens: EmailTokens;
  mail: RecoveryMail;
  securityLog: SecurityLog;
}) {
  async function ownerOf(address: string, exceptId: string, q: Queryable) {
    const [owner] = await q
      .select({ id: accounts.id, email: accounts.email, locale: accounts.locale })
      .from(accounts)
      .where(and(sql`lower(${accounts.email}) = lower(${address})`, ne(accounts.id, exceptId)));
    return owner;
  }

  /** Refuses a new link while the account has sent its hourly share (counted in its security log). */
  async function assertMayOffer(accountId: string, q: Queryable = db) {
    const since = new Date(clock.now().getTime() - HOUR_MS);
    const sent = await q
      .select({ at: securityEvents.createdAt })
      .from(securityEvents)
      .where(
        and(
          eq(securityEvents.accountId, accountId),
          eq(securityEvents.type, 'email.verification_sent'),
          gt(securityEvents.createdAt, since),
        ),
      )
      .orderBy(asc(securityEvents.createdAt));
    if (sent.length < VERIFICATIONS_PER_HOUR) return;
    const oldest = sent[sent.length - VERIFICATIONS_PER_HOUR]!.at.getTime();
    const wait = Math.max(1, Math.ceil((oldest + HOUR_MS - clock.now().getTime()) / 1000));
    throw new AppError(
      429,
      'email.too_many_requests',
      'Too many verification emails were sent in the last hour. Wait, then try again.',
      { retryAfterSeconds: wait },
      { 'Retry-After': String(wait) },
    );
  }

  /** Mails the address its link — or, when another account has it, that owner a notice — and logs either the same. */
  async function offer(
    account: AccountRow,
    address: string,
    purpose: OfferPurpose,
    origin: RequestOrigin,
    q: Queryable,
  ) {
    const owner = await ownerOf(address, account.id, q);
    if (owner) {
      // Repeated sign-ups with someone's address must not flood them: one notice an hour, then silence.
      const since = new Date(clock.now().getTime() - HOUR_MS);
      if (!(await mail.sentSince(owner.id, 'signup_email_in_use', since, q))) {
        await mail.send(
          {
            to: owner.email ?? address,
            locale: owner.locale,
            accountId: owner.id,
            template: 'signup_email_in_use',
            data: { signInLink: `${issuer}/signin`, resetLink: `${issuer}/forgot-password` },
          },
          q,
        );
      }
    } else {
      const { link } = await tokens.issue(
        { accountId: account.id, purpose: 'verify', address, lifetimeMs: VERIFY_LINK_MS },
        q,
      );
      await mail.send(
        {
          to: address,
          locale: account.locale,
          accountId: account.id,
          template: 'email_verify',
          data: { displayName: account.displayName, link, expiresHours: VERIFY_LINK_MS / HOUR_MS },
        },
        q,
      );
    }
    // The same entry either way: the account's own log must not tell whether the address was free.
    await securityLog.record(
      {
        ...origin,
        accountId: account.id,
        type: 'email.verification_sent',
        details: { email: address, purpose },
      },
      q,
    );
  }

  return { ownerOf, assertMayOffer, offer };
}

export type VerificationOffers = ReturnType<typeof createVerificationOffers>;
