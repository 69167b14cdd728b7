import { uniqueViolation } from '@orbit/db';
import { eq } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import { type AccountRow, accounts } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import type { RequestOrigin } from '../kernel/guards.js';
import type { Grants } from '../oidc/index.js';
import type { SecurityLog } from '../security/index.js';
import type { Sessions } from '../sessions/index.js';
import { RECOVERY_ERRORS } from './errors.js';
import { HOUR_MS, type RecoveryMail, UNDO_LINK_MS, VERIFY_LINK_MS } from './mail.js';
import type { EmailTokens } from './tokens.js';
import { createVerificationOffers } from './verification-offers.js';

export const invalidEmailToken = () => RECOVERY_ERRORS.emailInvalidToken.error();
const addressTaken = () =>
  new AppError(409, 'email.taken', 'Another account uses this address now.', [
    { path: 'email', message: 'Another account uses this address now.' },
  ]);

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
  const { ownerOf, assertMayOffer, offer } = createVerificationOffers({
    db,
    clock,
    issuer,
    tokens,
    mail,
    securityLog,
  });

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
      if (uniqueViolation(error) !== undefined) throw addressTaken();
      throw error;
    }
  }

  async function lockAccount(id: string, q: Queryable): Promise<AccountRow> {
    const [row] = await q.select().from(accounts).where(eq(accounts.id, id)).for('update');
    if (!row) throw invalidEmailToken();
    return row;
  }

  /**
   * Tells the account's verified address that it was replaced (or removed, `newEmail` null), with a link that
   * brings it back for 72 hours: whoever changed it may be an attacker holding the session.
   */
  async function offerUndo(account: AccountRow, newEmail: string | null, q: Queryable): Promise<void> {
    if (!account.email) return;
    const { link } = await tokens.issue(
      { accountId: account.id, purpose: 'undo_change', address: account.email, lifetimeMs: UNDO_LINK_MS },
      q,
    );
    await mail.send(
      {
        to: account.email,
        locale: account.locale,
        accountId: account.id,
        template: 'email_changed',
        data: {
          displayName: account.displayName,
          newEmail,
          undoLink: link,
          undoHours: UNDO_LINK_MS / HOUR_MS,
        },
      },
      q,
    );
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
          // Removing a verified address is a change like any other: the address hears of it and may undo it.
          if (account.emailVerifiedAt) await offerUndo(account, null, tx);
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

    /**
     * Sends the waiting address (or an unverified current one) a fresh link; in `q` when given (staff's resend,
     * with its audit entry).
     */
    async resend(account: AccountRow, origin: RequestOrigin, q?: Queryable) {
      const address = account.pendingEmail ?? (account.emailVerifiedAt ? null : account.email);
      if (!address) {
        throw RECOVERY_ERRORS.emailNothingToVerify.error();
      }
      await assertMayOffer(account.id, q);
      if (q) await offer(account, address, 'resend', origin, q);
      else await db.transaction((tx) => offer(account, address, 'resend', origin, tx));
      return { address, expiresInHours: VERIFY_LINK_MS / HOUR_MS };
    },

    /**
     * Staff setting the account's address (admin/accounts), in the caller's transaction `q`: it is the address at
     * once but unverified — so no reset link goes there — and is sent its verification link; a verified address it
     * replaces is told, with its undo link, as when the owner changes it. 409 `email.taken` when another account
     * has it; null removes the address.
     */
    async setForStaff(
      account: AccountRow,
      address: string | null,
      origin: RequestOrigin,
      by: string,
      q: Queryable,
    ): Promise<AccountRow> {
      if (address !== null) await assertMayOffer(account.id, q);
      const row = await setEmail(
        account.id,
        { email: address, emailVerifiedAt: null, pendingEmail: null },
        q,
      );
      await tokens.spendAll(account.id, 'verify', q);
      await tokens.spendAll(account.id, 'password_reset', q);
      await securityLog.record(
        {
          ...origin,
          accountId: account.id,
          type: 'email.changed',
          details: { from: account.email, to: address, by },
        },
        q,
      );
      if (account.emailVerifiedAt) await offerUndo(account, address, q);
      if (address !== null) await offer(row, address, 'change', origin, q);
      return row;
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
        if (account.emailVerifiedAt) await offerUndo(account, address, tx);
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
