import { accountsApi } from '@orbit/contracts';
import { endpointRoutes } from '@orbit/http';
import type { AuditLog } from '../admin/index.js';
import type { HubEnv } from '../env.js';
import { actorOf } from '../kernel/actor.js';
import { authOf, requireSession, requireStepUp, type SessionCookie } from '../kernel/guards.js';
import type { StepUpCheck } from '../passkeys/index.js';
import type { DeviceCookie } from '../sign-in/index.js';
import type { AccountLifecycle } from './lifecycle.js';

/**
 * Taking one's data out of the hub (`POST /me/export`), what deleting would end (`GET /me/deletion-check`), and
 * deleting one's account (`DELETE /me`).
 */
export function accountLifecycleRoutes(deps: {
  lifecycle: AccountLifecycle;
  /** Self-deletions are recorded there too: the account's own records (ledger included) go with it. */
  audit: Pick<AuditLog, 'record'>;
  stepUpCheck: StepUpCheck;
  cookie: SessionCookie;
  deviceCookie: DeviceCookie;
}) {
  const { lifecycle, cookie, deviceCookie } = deps;
  const stepUp = requireStepUp(deps.stepUpCheck);
  return endpointRoutes<HubEnv>('/api')
    .on(accountsApi.export, requireSession, stepUp, async (c) => {
      const { account, session } = authOf(c);
      const document = await lifecycle.exportAccount(account.id, session.id, {
        ip: c.get('clientIp'),
        userAgent: c.req.header('user-agent') ?? '',
      });
      return c.json(document, 200, {
        'Content-Disposition': `attachment; filename="orbit-${account.accountNumber}.json"`,
        'Cache-Control': 'no-store',
      });
    })
    .on(accountsApi.deletionCheck, requireSession, async (c) => {
      // Read-only, so no step-up: the delete dialog shows it before the user confirms.
      const { account } = authOf(c);
      c.header('Cache-Control', 'no-store');
      return c.json(await lifecycle.deletionCheck(account.id));
    })
    .on(accountsApi.delete, requireSession, stepUp, async (c, { body }) => {
      const { account } = authOf(c);
      const actor = actorOf(c);
      const request = {
        ...body,
        ip: c.get('clientIp'),
        userAgent: c.req.header('user-agent') ?? '',
        devices: deviceCookie.read(c),
      };
      const { endedMemberships } = await lifecycle.deleteAccount(account, request, {
        // What outlives the account: who deleted it, when, from where, and the memberships it gave up.
        within: (tx, removal) =>
          deps.audit.record(tx, actor, {
            action: 'account.deleted',
            target: { type: 'account', id: account.id, label: actor.label },
            details: {
              self: true,
              accountNumber: String(account.accountNumber),
              endedMemberships: removal.endedMemberships,
            },
          }),
      });
      cookie.clear(c);
      c.get('log').info(
        { accountId: account.id, endedMemberships: endedMemberships.map((m) => m.subscriptionId) },
        'account deleted',
      );
      return c.body(null, 204);
    }).app;
}
