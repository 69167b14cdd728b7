import { type Context, Hono } from 'hono';
import type { HubEnv } from '../env.js';
import { readJson } from '../http/validate.js';
import { requireStepUp } from '../passkeys/middleware.js';
import type { StepUpCheck } from '../passkeys/step-up.js';
import { requireAdmin } from '../services/admin-routes.js';
import { authOf, requireSession } from '../sessions/middleware.js';
import type { Tiers } from './tiers.js';
import { createTierInput, setPricesInput, updateTierInput } from './validation.js';

/**
 * Tiers for admins: every one (retired too) with its price history; create, edit, reprice, retire. The domain
 * validates again, for callers that are not HTTP; here the body is read so a bad one fails in the one shape.
 */
export function adminTierRoutes({ tiers, stepUpCheck }: { tiers: Tiers; stepUpCheck: StepUpCheck }) {
  // Every admin write is a sensitive action: a fresh passkey assertion when the admin has a passkey.
  const stepUp = requireStepUp(stepUpCheck);
  const logAction = (c: Context<HubEnv>, action: string, tierId: string) =>
    c.get('log').info({ tierId, by: authOf(c).account.id }, action);

  return new Hono<HubEnv>()
    .get('/admin/tiers', requireSession, requireAdmin, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ tiers: await tiers.list({ includeRetired: true, withHistory: true }) });
    })
    .post('/admin/tiers', requireSession, requireAdmin, stepUp, async (c) => {
      const tier = await tiers.create(await readJson(c, createTierInput));
      logAction(c, 'tier created', tier.id);
      return c.json({ tier }, 201);
    })
    .patch('/admin/tiers/:id', requireSession, requireAdmin, stepUp, async (c) => {
      const tier = await tiers.update(c.req.param('id'), await readJson(c, updateTierInput));
      logAction(c, 'tier updated', tier.id);
      return c.json({ tier });
    })
    .put('/admin/tiers/:id/prices', requireSession, requireAdmin, stepUp, async (c) => {
      const tier = await tiers.setPrices(c.req.param('id'), await readJson(c, setPricesInput));
      logAction(c, 'tier prices set', tier.id);
      return c.json({ tier });
    })
    .post('/admin/tiers/:id/retire', requireSession, requireAdmin, stepUp, async (c) => {
      const tier = await tiers.retire(c.req.param('id'));
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
