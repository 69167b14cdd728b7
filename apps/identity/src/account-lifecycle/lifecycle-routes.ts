import { accountsApi } from '@orbit/contracts';
import { endpointRoutes } from '@orbit/http';
import type { HubEnv } from '../env.js';
import { authOf, requireSession, requireStepUp, type SessionCookie } from '../kernel/guards.js';
import type { StepUpCheck } from '../passkeys/index.js';
import type { DeviceCookie } from '../sign-in/index.js';
import type { AccountLifecycle } from './lifecycle.js';

/**
 * What deleting would end (`GET /me/deletion-check`), and deleting one's account (`DELETE /me`: scheduled,
 * docs/data-rights.md "Deletion").
 */
export function accountLifecycleRoutes(deps: {
  lifecycle: AccountLifecycle;
  stepUpCheck: StepUpCheck;
  cookie: SessionCookie;
  deviceCookie: DeviceCookie;
}) {
  const { lifecycle, cookie, deviceCookie } = deps;
  const stepUp = requireStepUp(deps.stepUpCheck);
  return endpointRoutes<HubEnv>('/api')
    .on(accountsApi.deletionCheck, requireSession, async (c) => {
      // Read-only, so no step-up: the delete dialog shows it before the user confirms.
      const { account } = authOf(c);
      c.header('Cache-Control', 'no-store');
      return c.json(await lifecycle.deletionCheck(account.id));
    })
    .on(accountsApi.delete, requireSession, stepUp, async (c, { body }) => {
      const { account } = authOf(c);
      const request = {
        ...body,
        ip: c.get('clientIp'),
        userAgent: c.req.header('user-agent') ?? '',
        devices: deviceCookie.read(c),
      };
      // Scheduled: every session ended (this one too); signing in again within the grace period cancels it.
      const { scheduledFor } = await lifecycle.deleteAccount(account, request);
      cookie.clear(c);
      c.get('log').info({ accountId: account.id, scheduledFor }, 'account deletion scheduled');
      return c.json({ scheduledFor: scheduledFor.toISOString() }, 202);
    }).app;
}
