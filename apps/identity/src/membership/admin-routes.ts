import { type Context, Hono } from 'hono';
import { actorOf } from '../admin/actor.js';
import type { AuditLog } from '../admin/audit.js';
import type { HubEnv } from '../env.js';
import { readJson } from '../http/validate.js';
import { authOf, requirePermission, requireSession, requireStaffStepUp } from '../kernel/guards.js';
import type { StepUpCheck } from '../passkeys/step-up.js';
import type { Tiers, TierView } from './tiers.js';
import { createTierInput, setPricesInput, updateTierInput } from './validation.js';

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

  return new Hono<HubEnv>()
    .get('/admin/tiers', requireSession, mayWrite, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ tiers: await tiers.list({ includeRetired: true, withHistory: true }) });
    })
    .post('/admin/tiers', requireSession, mayWrite, stepUp, async (c) => {
      const input = await readJson(c, createTierInput);
      const tier = await tiers.create(
        input,
        audited(c, 'tier.created', () => ({ input })),
      );
      logAction(c, 'tier created', tier.id);
      return c.json({ tier }, 201);
    })
    .patch('/admin/tiers/:id', requireSession, mayWrite, stepUp, async (c) => {
      const patch = await readJson(c, updateTierInput);
      const tier = await tiers.update(
        c.req.param('id'),
        patch,
        audited(c, 'tier.updated', () => ({ patch })),
      );
      logAction(c, 'tier updated', tier.id);
      return c.json({ tier });
    })
    .put('/admin/tiers/:id/prices', requireSession, mayWrite, stepUp, async (c) => {
      const input = await readJson(c, setPricesInput);
      const tier = await tiers.setPrices(
        c.req.param('id'),
        input,
        audited(c, 'tier.prices_set', () => ({ input })),
      );
      logAction(c, 'tier prices set', tier.id);
      return c.json({ tier });
    })
    .post('/admin/tiers/:id/retire', requireSession, mayWrite, stepUp, async (c) => {
      const tier = await tiers.retire(c.req.param('id'), audited(c, 'tier.retired'));
      logAction(c, 'tier retired', tier.id);
      return c.json({ tier });
    });
}

/** The tiers on sale with their current prices, for anyone (the buy page). */
export function publicTierRoutes({ tiers }: { tiers: Tiers }) {
  return new Hono<HubEnv>().get('/tiers', async (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.json({ tiers: await tiers.list() });
  });
}
