import { adminServiceCallsApi, type CallGrantInput } from '@orbit/contracts';
import { endpointRoutes } from '@orbit/http';
import type { Context } from 'hono';
import type { AuditLog } from '../admin/index.js';
import type { HubEnv } from '../env.js';
import { actorOf } from '../kernel/actor.js';
import type { IdentityDb } from '../kernel/db.js';
import { authOf, requirePermission, requireSession, requireStaffStepUp } from '../kernel/guards.js';
import type { StepUpCheck } from '../passkeys/index.js';
import type { ServiceCalls } from './calls.js';

/**
 * Calls between services for admins (`/api/admin/service-calls`): every grant, and approving or revoking one.
 * Services are admin business (`services:write`); each decision needs the staff passkey step-up and is audited
 * in its own transaction. Deciding what a grant already says changes nothing and records nothing.
 */
export function adminServiceCallsRoutes({
  db,
  calls,
  stepUpCheck,
  audit,
}: {
  db: IdentityDb;
  calls: ServiceCalls;
  stepUpCheck: StepUpCheck;
  audit: AuditLog;
}) {
  const mayWrite = requirePermission('services:write');
  const stepUp = requireStaffStepUp(stepUpCheck);
  const api = adminServiceCallsApi;

  const decide =
    (how: 'approve' | 'revoke') =>
    async (c: Context<HubEnv>, { body }: { body: CallGrantInput }) => {
      const actor = actorOf(c);
      const { grant, changed } = await db.transaction(async (tx) => {
        const done = await calls[how](tx, actor.accountId, body);
        if (done.changed) {
          await audit.record(tx, actor, {
            action: how === 'approve' ? 'service_call.approved' : 'service_call.revoked',
            target: { type: 'service', id: body.caller },
            details: { target: body.target, scope: body.scope },
          });
        }
        return done;
      });
      if (changed) {
        c.get('log').info({ ...body, by: authOf(c).account.id }, `service call ${how}d`);
      }
      c.header('Cache-Control', 'no-store');
      return c.json({ grant });
    };

  return endpointRoutes<HubEnv>('/api')
    .on(api.list, requireSession, mayWrite, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ grants: await calls.list() });
    })
    .on(api.approve, requireSession, mayWrite, stepUp, decide('approve'))
    .on(api.revoke, requireSession, mayWrite, stepUp, decide('revoke')).app;
}
