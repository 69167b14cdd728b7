import { sessionsApi } from '@orbit/contracts';
import { endpointRoutes } from '@orbit/http';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { z } from 'zod';
import { viewAccount } from '../accounts/index.js';
import type { HubEnv } from '../env.js';
import type { IdentityDb } from '../kernel/db.js';
import {
  authOf,
  csrfTokenFor,
  requestOrigin,
  requireSession,
  requireStepUp,
  type SessionCookie,
} from '../kernel/guards.js';
import { permissionsOf } from '../kernel/permissions.js';
import type { Passkeys, StepUpCheck } from '../passkeys/index.js';
import type { SecurityLog } from '../security/index.js';
import { SESSIONS_ERRORS } from './errors.js';
import type { Sessions } from './sessions.js';

const sessionId = z.uuid();

/**
 * The current session, sign-out, the list of the account's sessions (ending one, or all but this one), and step-up
 * (a passkey assertion that raises the current session's assurance in place). Signing in is in sign-in/routes.ts.
 */
export function sessionRoutes(deps: {
  db: IdentityDb;
  sessions: Sessions;
  cookie: SessionCookie;
  passkeys: Passkeys;
  securityLog: SecurityLog;
  stepUpCheck: StepUpCheck;
}) {
  const { db, sessions, cookie, passkeys, securityLog } = deps;
  const stepUp = requireStepUp(deps.stepUpCheck);
  return endpointRoutes<HubEnv>('/api')
    .on(sessionsApi.current, requireSession, (c) => {
      const auth = authOf(c);
      return c.json({
        account: viewAccount(auth.account, auth.roles),
        permissions: permissionsOf(auth.roles),
        session: sessions.view(auth.session, auth.session.id),
        csrfToken: csrfTokenFor(auth.token),
      });
    })
    .on(sessionsApi.stepUpOptions, requireSession, async (c) => {
      const auth = authOf(c);
      c.header('Cache-Control', 'no-store');
      return c.json({
        options: await passkeys.authenticationOptions('step_up', auth.session.id, auth.account.id),
      });
    })
    .on(sessionsApi.stepUp, requireSession, async (c, { body: { response } }) => {
      const auth = authOf(c);
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
    .on(sessionsApi.signOut, requireSession, async (c) => {
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
    .on(sessionsApi.list, requireSession, async (c) => {
      const auth = authOf(c);
      const rows = await sessions.list(auth.account.id);
      return c.json({ sessions: rows.map((row) => sessions.view(row, auth.session.id)) });
    })
    .on(sessionsApi.revokeOthers, requireSession, stepUp, async (c) => {
      // "Sign out everywhere else": every other session ends (each service it signed in to gets its
      // back-channel logout from the sweep), this one stays. Sensitive like a password change: step-up.
      const auth = authOf(c);
      const origin = requestOrigin(c);
      const revoked = await db.transaction(async (tx) => {
        const count = await sessions.revokeOthers(auth.account.id, auth.session.id, tx);
        await securityLog.record(
          {
            ...origin,
            accountId: auth.account.id,
            type: 'sessions.revoked_others',
            details: { count, keptSessionId: auth.session.id },
          },
          tx,
        );
        return count;
      });
      await sessions.ended();
      return c.json({ revoked });
    })
    .on(sessionsApi.revoke, requireSession, async (c, { params }) => {
      const auth = authOf(c);
      const id = sessionId.safeParse(params.id);
      if (!id.success || !(await sessions.revoke(auth.account.id, id.data))) {
        throw SESSIONS_ERRORS.sessionNotFound.error();
      }
      await securityLog.record({
        ...requestOrigin(c),
        accountId: auth.account.id,
        type: 'session.revoked',
        details: { sessionId: id.data },
      });
      if (id.data === auth.session.id) cookie.clear(c);
      return c.body(null, 204);
    }).app;
}
