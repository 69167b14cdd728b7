import { setupApi } from '@orbit/contracts';
import { endpointRoutes } from '@orbit/http';
import { viewAccount } from '../accounts/index.js';
import type { HubEnv } from '../env.js';
import type { SessionCookie } from '../kernel/guards.js';
import { csrfTokenFor } from '../kernel/guards.js';
import type { Setup } from './setup.js';

export function setupRoutes({ setup, cookie }: { setup: Setup; cookie: SessionCookie }) {
  return endpointRoutes<HubEnv>('/api')
    .on(setupApi.check, async (c, { params }) => {
      if (!(await setup.isValid(params.token))) throw setup.invalidToken();
      return c.json({ valid: true });
    })
    .on(setupApi.createFirstAdmin, async (c, { body: { token, ...input } }) => {
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
    }).app;
}
