import { type Context, Hono, type MiddlewareHandler } from 'hono';
import type { HubEnv } from '../env.js';
import { AppError } from '../http/errors.js';
import { requireStepUp } from '../passkeys/middleware.js';
import type { StepUpCheck } from '../passkeys/step-up.js';
import { authOf, requireSession } from '../sessions/middleware.js';
import type { ServiceRegistry } from './registry.js';

/** 403 `auth.forbidden` unless the signed-in account is an admin; use after `requireSession`. */
export const requireAdmin: MiddlewareHandler<HubEnv> = async function requireAdmin(c, next) {
  if (authOf(c).account.role !== 'admin') {
    throw new AppError(403, 'auth.forbidden', 'Only an admin may do this.');
  }
  await next();
};

/** Services for admins: every one with its client settings; disable, enable, and a new client secret. */
export function adminServiceRoutes({
  registry,
  stepUpCheck,
}: {
  registry: ServiceRegistry;
  stepUpCheck: StepUpCheck;
}) {
  // Every admin write is a sensitive action: a fresh passkey assertion when the admin has a passkey.
  const stepUp = requireStepUp(stepUpCheck);
  const logAction = (c: Context<HubEnv>, action: string, serviceId: string) =>
    c.get('log').info({ serviceId, by: authOf(c).account.id }, action);

  return new Hono<HubEnv>()
    .get('/admin/services', requireSession, requireAdmin, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ services: await registry.list() });
    })
    .post('/admin/services/:id/disable', requireSession, requireAdmin, stepUp, async (c) => {
      const service = await registry.setDisabled(c.req.param('id'), true);
      logAction(c, 'service disabled', service.id);
      return c.json({ service });
    })
    .post('/admin/services/:id/enable', requireSession, requireAdmin, stepUp, async (c) => {
      const service = await registry.setDisabled(c.req.param('id'), false);
      logAction(c, 'service enabled', service.id);
      return c.json({ service });
    })
    .post('/admin/services/:id/rotate-secret', requireSession, requireAdmin, stepUp, async (c) => {
      const serviceId = c.req.param('id');
      const clientSecret = await registry.rotateSecret(serviceId);
      logAction(c, 'service secret rotated', serviceId);
      c.header('Cache-Control', 'no-store');
      return c.json({ clientSecret });
    });
}
