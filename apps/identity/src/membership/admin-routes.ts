import { membershipAdminApi, membershipApi } from '@orbit/contracts';
import { endpointRoutes } from '@orbit/http';
import type { Context } from 'hono';
import type { AuditLog } from '../admin/index.js';
import type { HubEnv } from '../env.js';
import { actorOf } from '../kernel/actor.js';
import { authOf, requirePermission, requireSession, requireStaffStepUp } from '../kernel/guards.js';
import type { StepUpCheck } from '../passkeys/index.js';
import type { Tiers, TierView } from './tiers.js';

/**
 * Tiers for admins: every one (retired too) with its price history; create, edit, reprice, retire. The domain
 * validates again, for callers that are not HTTP; here the body is read so a bad one fails in the one shape.
 */
export function adminTierRoutes({
  tiers,
  stepUpCheck,
  audit,
}: {
  tiers: Tiers;
  stepUpCheck: StepUpCheck;
  audit: AuditLog;
}) {
  // Every admin write needs the staff passkey step-up, and is audited in its own transaction.
  const mayWrite = requirePermission('tiers:write');
  const stepUp = requireStaffStepUp(stepUpCheck);
  const audited = (
    c: Context<HubEnv>,
    action: string,
    details?: (tier: TierView) => Record<string, unknown>,
  ) =>
    audit.within<TierView>(actorOf(c), (tier) => ({
      action,
      target: { type: 'tier', id: tier.id, label: tier.name },
      ...(details ? { details: details(tier) } : {}),
    }));
  const logAction = (c: Context<HubEnv>, action: string, tierId: string) =>
    c.get('log').info({ tierId, by: authOf(c).account.id }, action);

  const api = membershipAdminApi;
  return endpointRoutes<HubEnv>('/api')
    .on(api.tiers, requireSession, mayWrite, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ tiers: await tiers.list({ includeRetired: true, withHistory: true }) });
    })
    .on(api.createTier, requireSession, mayWrite, stepUp, async (c, { body: input }) => {
      const tier = await tiers.create(
        input,
        audited(c, 'tier.created', () => ({ input })),
      );
      logAction(c, 'tier created', tier.id);
      return c.json({ tier }, 201);
    })
    .on(api.updateTier, requireSession, mayWrite, stepUp, async (c, { params, body: patch }) => {
      const tier = await tiers.update(
        params.id,
        patch,
        audited(c, 'tier.updated', () => ({ patch })),
      );
      logAction(c, 'tier updated', tier.id);
      return c.json({ tier });
    })
    .on(api.setPrices, requireSession, mayWrite, stepUp, async (c, { params, body: input }) => {
      const tier = await tiers.setPrices(
        params.id,
        input,
        audited(c, 'tier.prices_set', () => ({ input })),
      );
      logAction(c, 'tier prices set', tier.id);
      return c.json({ tier });
    })
    .on(api.retireTier, requireSession, mayWrite, stepUp, async (c, { params }) => {
      const tier = await tiers.retire(params.id, audited(c, 'tier.retired'));
      logAction(c, 'tier retired', tier.id);
      return c.json({ tier });
    }).app;
}

/** The tiers on sale with their current prices, for anyone (the buy page). */
export function publicTierRoutes({ tiers }: { tiers: Tiers }) {
  return endpointRoutes<HubEnv>('/api').on(membershipApi.tiersOnSale, async (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.json({ tiers: await tiers.list() });
  }).app;
}
