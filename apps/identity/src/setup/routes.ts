import { Hono } from 'hono';
import { z } from 'zod';
import { viewAccount } from '../accounts/accounts.js';
import { signUpBody } from '../accounts/validation.js';
import type { HubEnv } from '../env.js';
import { readJson } from '../http/validate.js';
import type { SessionCookie } from '../kernel/guards.js';
import { csrfTokenFor } from '../kernel/guards.js';
import type { Setup } from './setup.js';

const setupBody = signUpBody.extend({ token: z.string().min(1).max(128) });

export function setupRoutes({ setup, cookie }: { setup: Setup; cookie: SessionCookie }) {
  return new Hono<HubEnv>()
    .get('/setup/:token', async (c) => {
      if (!(await setup.isValid(c.req.param('token')))) throw setup.invalidToken();
      return c.json({ valid: true });
    })
    .post('/setup', async (c) => {
      const { token, ...input } = await readJson(c, setupBody);
      const created = await setup.createFirstAdmin(token, input, {
        userAgent: c.req.header('user-agent') ?? '',
        ip: c.get('clientIp'),
      });
      cookie.set(c, created.token, created.expiresAt);
      c.get('log').info({ accountId: created.account.id }, 'first admin created');
      return c.json(
        { account: viewAccount(created.account, created.roles), csrfToken: csrfTokenFor(created.token) },
        201,
      );
    });
}
