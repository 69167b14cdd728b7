import { Hono } from 'hono';
import { z } from 'zod';
import { viewAccount } from '../accounts/accounts.js';
import type { HubEnv } from '../env.js';
import { AppError } from '../http/errors.js';
import { readJson } from '../http/validate.js';
import type { createPasswordSignIn } from '../sign-in/sign-in.js';
import { authOf, requireSession, type SessionCookie } from './middleware.js';
import { csrfTokenFor, type Sessions } from './sessions.js';

const signInBody = z.object({
  identifier: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

const sessionId = z.uuid();

/** Sign in, sign out, the current session, and the list of the account's sessions. */
export function sessionRoutes(deps: {
  sessions: Sessions;
  cookie: SessionCookie;
  signInWithPassword: ReturnType<typeof createPasswordSignIn>;
}) {
  const { sessions, cookie, signInWithPassword } = deps;
  return new Hono<HubEnv>()
    .post('/sessions', async (c) => {
      const body = await readJson(c, signInBody);
      const account = await signInWithPassword({ ...body, ip: c.get('clientIp') });
      const previous = c.get('auth');
      if (previous) await sessions.revokeByToken(previous.token); // a sign-in always gets a new session id
      const { token, session } = await sessions.start(account.id, ['pwd'], {
        userAgent: c.req.header('user-agent') ?? '',
        ip: c.get('clientIp'),
      });
      cookie.set(c, token, session.expiresAt);
      return c.json({ account: viewAccount(account), csrfToken: csrfTokenFor(token) });
    })
    .get('/session', requireSession, (c) => {
      const auth = authOf(c);
      return c.json({
        account: viewAccount(auth.account),
        session: sessions.view(auth.session, auth.session.id),
        csrfToken: csrfTokenFor(auth.token),
      });
    })
    .delete('/sessions/current', requireSession, async (c) => {
      await sessions.revokeByToken(authOf(c).token);
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
      if (id.data === auth.session.id) cookie.clear(c);
      return c.body(null, 204);
    });
}
