import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { Hono } from 'hono';
import { z } from 'zod';
import { viewAccount } from '../accounts/accounts.js';
import type { HubEnv } from '../env.js';
import { AppError } from '../http/errors.js';
import { readJson } from '../http/validate.js';
import type { Passkeys } from '../passkeys/passkeys.js';
import type { SecurityLog } from '../security/log.js';
import { credentialResponse, requestOrigin } from '../sign-in/routes.js';
import { authOf, requireSession, type SessionCookie } from './middleware.js';
import { csrfTokenFor, type Sessions } from './sessions.js';

const sessionId = z.uuid();
const assertionBody = z.object({ response: credentialResponse });

/**
 * The current session, sign-out, the list of the account's sessions, and step-up (a passkey assertion that raises
 * the current session's assurance in place). Signing in is in sign-in/routes.ts.
 */
export function sessionRoutes(deps: {
  sessions: Sessions;
  cookie: SessionCookie;
  passkeys: Passkeys;
  securityLog: SecurityLog;
}) {
  const { sessions, cookie, passkeys, securityLog } = deps;
  return new Hono<HubEnv>()
    .get('/session', requireSession, (c) => {
      const auth = authOf(c);
      return c.json({
        account: viewAccount(auth.account),
        session: sessions.view(auth.session, auth.session.id),
        csrfToken: csrfTokenFor(auth.token),
      });
    })
    .post('/session/step-up/options', requireSession, async (c) => {
      const auth = authOf(c);
      c.header('Cache-Control', 'no-store');
      return c.json({
        options: await passkeys.authenticationOptions('step_up', auth.session.id, auth.account.id),
      });
    })
    .post('/session/step-up', requireSession, async (c) => {
      const auth = authOf(c);
      const { response } = await readJson(c, assertionBody);
      const origin = requestOrigin(c);
      const verified = await passkeys.verifyAssertion(
        response as unknown as AuthenticationResponseJSON,
        'step_up',
        auth.session.id,
        origin,
      );
      const session = await sessions.stepUp(auth.session.id, verified.amr);
      await securityLog.record({
        ...origin,
        accountId: auth.account.id,
        type: 'step_up.succeeded',
        details: { passkeyId: verified.passkey.id, sessionId: session.id },
      });
      return c.json({ session: sessions.view(session, session.id) });
    })
    .delete('/sessions/current', requireSession, async (c) => {
      const auth = authOf(c);
      await sessions.revokeByToken(auth.token);
      await securityLog.record({
        ...requestOrigin(c),
        accountId: auth.account.id,
        type: 'signed_out',
        details: { sessionId: auth.session.id },
      });
      cookie.clear(c);
      return c.body(null, 204);
    })
    .get('/sessions', requireSession, async (c) => {
      const auth = authOf(c);
      const rows = await sessions.list(auth.account.id);
      return c.json({ sessions: rows.map((row) => sessions.view(row, auth.session.id)) });
    })
    .delete('/sessions/:id', requireSession, async (c) => {
      const auth = authOf(c);
      const id = sessionId.safeParse(c.req.param('id'));
      if (!id.success || !(await sessions.revoke(auth.account.id, id.data))) {
        throw new AppError(404, 'session.not_found', 'No such session on this account.');
      }
      await securityLog.record({
        ...requestOrigin(c),
        accountId: auth.account.id,
        type: 'session.revoked',
        details: { sessionId: id.data },
      });
      if (id.data === auth.session.id) cookie.clear(c);
      return c.body(null, 204);
    });
}
