import { and, asc, eq, gt, ne, sql } from 'drizzle-orm';
import type { IdentityDb, Queryable } from '../accounts/accounts.js';
import type { Clock } from '../clock.js';
import { type AccountRow, accounts } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import type { Grants } from '../oidc/grants.js';
import type { RequestOrigin, SecurityLog } from '../security/log.js';
import { securityEvents } from '../security/schema.js';
import type { Sessions } from '../sessions/sessions.js';
import { HOUR_MS, type RecoveryMail, UNDO_LINK_MS, VERIFY_LINK_MS } from './mail.js';
import type { EmailTokens } from './tokens.js';

/** Verification links an account may have sent in an hour (sign-up, changes and resends together). */
export const VERIFICATIONS_PER_HOUR = 5;

export const invalidEmailToken = () =>
  new AppError(
    404,
    'email.invalid_token',
    'This link is not valid: it was used, has expired, or a newer one replaced it.',
  );
const addressTaken = () =>
  new AppError(409, 'email.taken', 'Another account uses this address now.', [
    { path: 'email', message: 'Another account uses this address now.' },
  ]);

type Purpose = 'sign_up' | 'change' | 'resend';
const same = (a: string | null | undefined, b: string | null | undefined) =>
  a != null && b != null && a.toLowerCase() === b.toLowerCase();

/**
 * Verified email. An address given at sign-up or as a change waits in `pending_email` and takes the place of
 * `email` only when its link is used (Keycloak's update-email-with-verification). Nothing here tells the caller
 * whether an address belongs to another account: such a sign-up or change looks the same, but no link is sent —
 * the address's owner gets a notice instead — so the pending address can never be verified.
 */
export function createEmailVerification({
  db,
  clock,
  issuer,
  tokens,
  mail,
  securityLog,
  sessions,
  grants,
}: {
  db: IdentityDb;
  clock: Clock;
  issuer: string;
  tokens: EmailTokens;
  mail: RecoveryMail;
  securityLog: SecurityLog;
  sessions: Sessions;
  grants: Grants;
}) {
  async function ownerOf(address: string, exceptId: string, q: Queryable) {
    const [owner] = await q
      .select({ id: accounts.id, email: accounts.email, locale: accounts.locale })
      .from(accounts)
      .where(and(sql`lower(${accounts.email}) = lower(${address})`, ne(accounts.id, exceptId)));
    return owner;
  }

  /** Refuses a new link while the account has sent its hourly share (counted in its security log). */
  async function assertMayOffer(accountId: string) {
    const since = new Date(clock.now().getTime() - HOUR_MS);
    const sent = await db
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
    purpose: Purpose,
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

  async function setEmail(accountId: string, values: Partial<AccountRow>, q: Queryable): Promise<AccountRow> {
    try {
      const [row] = await q
        .update(accounts)
        .set({ ...values, updatedAt: clock.now() })
        .where(eq(accounts.id, accountId))
        .returning();
      if (!row) throw new AppError(404, 'account.not_found', 'No such account.');
      return row;
    } catch (error) {
      // Two accounts verifying one address at once: the unique index lets only one of them have it.
      if ((error as { code?: string }).code === '23505') throw addressTaken();
      throw error;
    }
  }

  async function lockAccount(id: string, q: Queryable): Promise<AccountRow> {
    const [row] = await q.select().from(accounts).where(eq(accounts.id, id)).for('update');
    if (!row) throw invalidEmailToken();
    return row;
  }

  return {
    /** At sign-up (inside its transaction): the address waits for its link. Answers the updated account. */
    async offerAtSignUp(account: AccountRow, address: string, origin: RequestOrigin, q: Queryable) {
      const updated = await setEmail(account.id, { pendingEmail: address }, q);
      await offer(updated, address, 'sign_up', origin, q);
      return updated;
    },

    /**
     * A change of address by the signed-in owner (after step-up): the new one waits for its link; null removes
     * the address; the current address again cancels a pending change.
     */
    async requestChange(account: AccountRow, address: string | null, origin: RequestOrigin) {
      if (address === null) {
        if (account.email === null && account.pendingEmail === null) return account;
        return db.transaction(async (tx) => {
          const row = await setEmail(
            account.id,
            { email: null, emailVerifiedAt: null, pendingEmail: null },
            tx,
          );
          await tokens.spendAll(account.id, 'verify', tx);
          await tokens.spendAll(account.id, 'password_reset', tx);
          if (account.email !== null) {
            await securityLog.record(
              {
                ...origin,
                accountId: account.id,
                type: 'email.changed',
                details: { from: account.email, to: null },
              },
              tx,
            );
          }
          return row;
        });
      }
      if (same(address, account.email)) {
        if (account.pendingEmail === null) return account;
        return db.transaction(async (tx) => {
          await tokens.spendAll(account.id, 'verify', tx);
          return setEmail(account.id, { pendingEmail: null }, tx);
        });
      }
      await assertMayOffer(account.id);
      return db.transaction(async (tx) => {
        // A link sent for an earlier pending address must not verify it any more.
        await tokens.spendAll(account.id, 'verify', tx);
        const row = await setEmail(account.id, { pendingEmail: address }, tx);
        await offer(row, address, 'change', origin, tx);
        return row;
      });
    },

    /** Sends the waiting address (or an unverified current one) a fresh link. */
    async resend(account: AccountRow, origin: RequestOrigin) {
      const address = account.pendingEmail ?? (account.emailVerifiedAt ? null : account.email);
      if (!address) {
        throw new AppError(
          409,
          'email.nothing_to_verify',
          'This account has no address waiting for verification.',
        );
      }
      await assertMayOffer(account.id);
      await db.transaction((tx) => offer(account, address, 'resend', origin, tx));
      return { address, expiresInHours: VERIFY_LINK_MS / HOUR_MS };
    },

    /** What a page shows before its button: the address the live link is for. */
    async check(token: string, purpose: 'verify' | 'undo_change') {
      const row = await tokens.find(token, purpose);
      if (!row) throw invalidEmailToken();
      return { email: row.address, expiresAt: row.expiresAt };
    },

    /**
     * Spends a verification link: its address becomes the account's verified address. When it replaces a verified
     * address, that one is told, with a link to undo the change (an attacker in the session could have made it).
     */
    async verify(token: string, origin: RequestOrigin): Promise<AccountRow> {
      return db.transaction(async (tx) => {
        const spent = await tokens.spend(token, 'verify', tx);
        if (!spent) throw invalidEmailToken();
        const account = await lockAccount(spent.accountId, tx);
        const address = spent.address;
        const isCurrent = same(address, account.email);
        if (!isCurrent && !same(address, account.pendingEmail)) throw invalidEmailToken();
        if (isCurrent && account.emailVerifiedAt) return account;
        if (await ownerOf(address, account.id, tx)) throw addressTaken();
        const now = clock.now();
        const updated = await setEmail(
          account.id,
          isCurrent ? { emailVerifiedAt: now } : { email: address, emailVerifiedAt: now, pendingEmail: null },
          tx,
        );
        await tokens.spendAll(account.id, 'verify', tx);
        await securityLog.record(
          { ...origin, accountId: account.id, type: 'email.verified', details: { email: address } },
          tx,
        );
        if (isCurrent || !account.email) return updated;
        // Reset links went to the old address; they must not outlive it.
        await tokens.spendAll(account.id, 'password_reset', tx);
        await securityLog.record(
          {
            ...origin,
            accountId: account.id,
            type: 'email.changed',
            details: { from: account.email, to: address },
          },
          tx,
        );
        if (account.emailVerifiedAt) {
          const { link } = await tokens.issue(
            {
              accountId: account.id,
              purpose: 'undo_change',
              address: account.email,
              lifetimeMs: UNDO_LINK_MS,
            },
            tx,
          );
          await mail.send(
            {
              to: account.email,
              locale: account.locale,
              accountId: account.id,
              template: 'email_changed',
              data: {
                displayName: account.displayName,
                newEmail: address,
                undoLink: link,
                undoHours: UNDO_LINK_MS / HOUR_MS,
              },
            },
            tx,
          );
        }
        return updated;
      });
    },

    /**
     * Spends an undo link: the old address comes back (verified), and every session and refresh token of the account
     * ends, since whoever changed the address may still be signed in.
     */
    async undo(token: string, origin: RequestOrigin): Promise<AccountRow> {
      const account = await db.transaction(async (tx) => {
        const spent = await tokens.spend(token, 'undo_change', tx);
        if (!spent) throw invalidEmailToken();
        const account = await lockAccount(spent.accountId, tx);
        if (await ownerOf(spent.address, account.id, tx)) throw addressTaken();
        const restored = await setEmail(
          account.id,
          { email: spent.address, emailVerifiedAt: clock.now(), pendingEmail: null },
          tx,
        );
        for (const purpose of ['verify', 'undo_change', 'password_reset'] as const) {
          await tokens.spendAll(account.id, purpose, tx);
        }
        await sessions.revokeAll(account.id, tx);
        await grants.revokeAllOfAccount(account.id, 'email_change_undone', tx);
        await securityLog.record(
          {
            ...origin,
            accountId: account.id,
            type: 'email.change_undone',
            details: { from: account.email, to: spent.address },
          },
          tx,
        );
        return restored;
      });
      await sessions.ended();
      return account;
    },
  };
}

export type EmailVerification = ReturnType<typeof createEmailVerification>;
