import { membershipAdminApi } from '@orbit/contracts';
import { endpointRoutes } from '@orbit/http';
import type { Context, MiddlewareHandler } from 'hono';
import type { AuditLog } from '../admin/index.js';
import type { HubEnv } from '../env.js';
import { AppError } from '../http/errors.js';
import { actorOf } from '../kernel/actor.js';
import {
  authOf,
  requestOrigin,
  requirePermission,
  requireSession,
  requireStaffStepUp,
} from '../kernel/guards.js';
import type { StepUpCheck } from '../passkeys/index.js';
import type { Billing } from './billing.js';
import type { SubscriptionView } from './views.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const accountIdOf = (c: Context<HubEnv>) => {
  const id = c.req.param('id') ?? '';
  if (!UUID.test(id)) throw new AppError(404, 'account.not_found', 'No such account.');
  return id;
};

/**
 * Memberships for admins: an account's subscriptions and receipts, complimentary grants and revocations (each
 * behind a passkey step-up and in the member's security log), and revenue per tier from the ledger.
 */
export function billingAdminRoutes({
  billing,
  stepUpCheck,
  audit,
}: {
  billing: Billing;
  stepUpCheck: StepUpCheck;
  audit: AuditLog;
}) {
  const mayRead = requirePermission('accounts:read');
  const mayWrite = requirePermission('membership:write');
  const stepUp = requireStaffStepUp(stepUpCheck);
  const audited = (c: Context<HubEnv>, action: string, details: Record<string, unknown>) =>
    audit.within<SubscriptionView & { accountId: string }>(actorOf(c), (subscription) => ({
      action,
      target: { type: 'account', id: subscription.accountId },
      details: { subscriptionId: subscription.id, tierId: subscription.tierId, ...details },
    }));
  const logAction = (c: Context<HubEnv>, action: string, details: Record<string, unknown>) =>
    c.get('log').info({ ...details, by: authOf(c).account.id }, action);

  const api = membershipAdminApi;
  // A path that names no account is a 404 before its body is read, as it always was.
  const accountPath: MiddlewareHandler<HubEnv> = async (c, next) => {
    accountIdOf(c);
    await next();
  };
  return endpointRoutes<HubEnv>('/api')
    .on(api.accountMembership, requireSession, mayRead, async (c) => {
      const accountId = accountIdOf(c);
      if (!(await billing.accountExists(accountId)))
        throw new AppError(404, 'account.not_found', 'No such account.');
      c.header('Cache-Control', 'no-store');
      return c.json({
        subscriptions: await billing.subscriptionsOf(accountId),
        receipts: await billing.ledger.receipts(accountId),
      });
    })
    .on(api.grant, requireSession, mayWrite, stepUp, accountPath, async (c, { body: input }) => {
      const accountId = accountIdOf(c);
      const subscription = await billing.complimentary.grant(
        authOf(c).account.id,
        accountId,
        input,
        requestOrigin(c),
        audited(c, 'membership.granted', { until: input.until, reason: input.reason }),
      );
      logAction(c, 'membership granted', {
        accountId,
        subscriptionId: subscription.id,
        tierId: subscription.tierId,
      });
      return c.json({ subscription }, 201);
    })
    .on(api.revoke, requireSession, mayWrite, stepUp, async (c, { params, body: { reason } }) => {
      const subscription = await billing.complimentary.revoke(
        authOf(c).account.id,
        params.id,
        reason,
        requestOrigin(c),
        audited(c, 'membership.revoked', { reason }),
      );
      logAction(c, 'membership revoked', { subscriptionId: subscription.id });
      return c.json({ subscription });
    })
    .on(api.revenue, requireSession, mayWrite, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ tiers: await billing.ledger.revenue() });
    }).app;
}
