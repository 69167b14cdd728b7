import { recoveryApi } from '@orbit/contracts';
import { endpointRoutes } from '@orbit/http';
import type { HubEnv } from '../env.js';
import { authOf, requestOrigin, requireSession, type SessionCookie } from '../kernel/guards.js';
import type { EmailVerification } from './email-verification.js';
import type { PasswordReset } from './password-reset.js';

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
  return endpointRoutes<HubEnv>('/api')
    .on(recoveryApi.resendVerification, requireSession, async (c) => {
      const sent = await emailVerification.resend(authOf(c).account, requestOrigin(c));
      return c.json({ email: sent.address, expiresInHours: sent.expiresInHours }, 202);
    })
    .on(recoveryApi.checkVerification, async (c, { body }) => {
      const found = await emailVerification.check(body.token, 'verify');
      return c.json({ email: found.email, expiresAt: found.expiresAt.toISOString() });
    })
    .on(recoveryApi.verify, async (c, { body }) => {
      const account = await emailVerification.verify(body.token, requestOrigin(c));
      return c.json({ email: account.email, emailVerified: true });
    })
    .on(recoveryApi.checkUndo, async (c, { body }) => {
      const found = await emailVerification.check(body.token, 'undo_change');
      return c.json({ email: found.email, expiresAt: found.expiresAt.toISOString() });
    })
    .on(recoveryApi.undo, async (c, { body }) => {
      const account = await emailVerification.undo(body.token, requestOrigin(c));
      // Every session of the account ended; this browser's too, if it was one of them.
      if (c.get('auth')?.account.id === account.id) cookie.clear(c);
      return c.json({ email: account.email });
    })
    .on(recoveryApi.requestReset, async (c, { body: { identifier } }) => {
      await passwordReset.request(identifier, requestOrigin(c));
      // The same answer whether or not the identifier names an account, or one with a verified address.
      return c.json({ status: 'requested' as const }, 202);
    })
    .on(recoveryApi.checkReset, async (c, { body }) => {
      const { expiresAt } = await passwordReset.check(body.token);
      return c.json({ valid: true, expiresAt: expiresAt.toISOString() });
    })
    .on(recoveryApi.confirmReset, async (c, { body }) => {
      const { accountId } = await passwordReset.confirm(body.token, body.password, requestOrigin(c));
      // Every session of the account ended; this browser's too, if it was one of them.
      if (c.get('auth')?.account.id === accountId) cookie.clear(c);
      return c.json({ status: 'reset' as const });
    }).app;
}
