import { Hono } from 'hono';
import { z } from 'zod';
import type { HubEnv } from '../env.js';
import { readJson } from '../http/validate.js';
import { authOf, requestOrigin, requireSession, type SessionCookie } from '../kernel/guards.js';
import type { EmailVerification } from './email-verification.js';
import type { PasswordReset } from './password-reset.js';

/** A link's token: 32 random bytes, base64url (43 characters); anything else can't be one. */
const token = z.string().regex(/^[\w-]{43}$/, 'Not a token from a link.');
const tokenBody = z.object({ token });
const resetRequest = z.object({ identifier: z.string().trim().min(1).max(320) });
const resetConfirm = z.object({ token, password: z.string().max(1024) });

/**
 * Recovery: verifying an address, undoing an email change, and forgot password. Links lead to portal pages; only
 * these POSTs spend a token (a mail scanner's GET of the link spends nothing). None needs a session but resend.
 */
export function recoveryRoutes({
  emailVerification,
  passwordReset,
  cookie,
}: {
  emailVerification: EmailVerification;
  passwordReset: PasswordReset;
  cookie: SessionCookie;
}) {
  return new Hono<HubEnv>()
    .post('/me/email/verification', requireSession, async (c) => {
      const sent = await emailVerification.resend(authOf(c).account, requestOrigin(c));
      return c.json({ email: sent.address, expiresInHours: sent.expiresInHours }, 202);
    })
    .post('/email/verify/check', async (c) => {
      const found = await emailVerification.check((await readJson(c, tokenBody)).token, 'verify');
      return c.json({ email: found.email, expiresAt: found.expiresAt.toISOString() });
    })
    .post('/email/verify', async (c) => {
      const account = await emailVerification.verify((await readJson(c, tokenBody)).token, requestOrigin(c));
      return c.json({ email: account.email, emailVerified: true });
    })
    .post('/email/undo/check', async (c) => {
      const found = await emailVerification.check((await readJson(c, tokenBody)).token, 'undo_change');
      return c.json({ email: found.email, expiresAt: found.expiresAt.toISOString() });
    })
    .post('/email/undo', async (c) => {
      const account = await emailVerification.undo((await readJson(c, tokenBody)).token, requestOrigin(c));
      // Every session of the account ended; this browser's too, if it was one of them.
      if (c.get('auth')?.account.id === account.id) cookie.clear(c);
      return c.json({ email: account.email });
    })
    .post('/password-reset', async (c) => {
      const { identifier } = await readJson(c, resetRequest);
      await passwordReset.request(identifier, requestOrigin(c));
      // The same answer whether or not the identifier names an account, or one with a verified address.
      return c.json({ status: 'requested' as const }, 202);
    })
    .post('/password-reset/check', async (c) => {
      const { expiresAt } = await passwordReset.check((await readJson(c, tokenBody)).token);
      return c.json({ valid: true, expiresAt: expiresAt.toISOString() });
    })
    .post('/password-reset/confirm', async (c) => {
      const body = await readJson(c, resetConfirm);
      const { accountId } = await passwordReset.confirm(body.token, body.password, requestOrigin(c));
      // Every session of the account ended; this browser's too, if it was one of them.
      if (c.get('auth')?.account.id === accountId) cookie.clear(c);
      return c.json({ status: 'reset' as const });
    });
}
