import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { actorOf } from '../admin/actor.js';
import type { AuditLog } from '../admin/audit.js';
import type { HubEnv } from '../env.js';
import { readJson } from '../http/validate.js';
import type { IdentityDb } from '../kernel/db.js';
import { authOf, requirePermission, requireSession, requireStaffStepUp } from '../kernel/guards.js';
import type { StepUpCheck } from '../passkeys/step-up.js';
import { type CredentialsFiles, updateCredentialsFile } from './credentials-file.js';
import type { ServiceRegistry, ServiceView } from './registry.js';

/** Moved to kernel/guards.ts; re-exported for old imports. */
export { requireAdmin } from '../kernel/guards.js';

const rotateBody = z.object({ graceHours: z.number().int().min(0).optional() }).strict();

/** A rotate request may have no body at all (the default grace). */
async function readRotateBody(c: Context<HubEnv>): Promise<z.infer<typeof rotateBody>> {
  const length = c.req.header('content-length');
  if ((length === undefined || length === '0') && !c.req.header('content-type')) return {};
  return readJson(c, rotateBody);
}

const target = (service: Pick<ServiceView, 'id' | 'name'>) => ({
  type: 'service',
  id: service.id,
  label: service.name,
});

/**
 * Services for admins: every one with its client settings; disable, enable, and a new client secret. Each write
 * needs the staff passkey step-up and is audited in its own transaction.
 */
export function adminServiceRoutes({
  registry,
  registryOn,
  stepUpCheck,
  audit,
  credentialsFiles,
}: {
  registry: ServiceRegistry;
  /** The registry on an open transaction, so a write and its audit entry commit together. */
  registryOn: (tx: IdentityDb) => ServiceRegistry;
  stepUpCheck: StepUpCheck;
  audit: AuditLog;
  /** Where `services:register` writes credentials files, so a rotation can update the service's. */
  credentialsFiles?: CredentialsFiles;
}) {
  const mayWrite = requirePermission('services:write');
  const stepUp = requireStaffStepUp(stepUpCheck);
  const logAction = (c: Context<HubEnv>, action: string, serviceId: string) =>
    c.get('log').info({ serviceId, by: authOf(c).account.id }, action);

  const setDisabled = (disabled: boolean) => async (c: Context<HubEnv>) => {
    const service = await audit.transaction(
      actorOf(c),
      (tx) => registryOn(tx).setDisabled(c.req.param('id') ?? '', disabled),
      (done) => ({ action: disabled ? 'service.disabled' : 'service.enabled', target: target(done) }),
    );
    logAction(c, disabled ? 'service disabled' : 'service enabled', service.id);
    return c.json({ service });
  };

  return new Hono<HubEnv>()
    .get('/admin/services', requireSession, requirePermission('services:write'), async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ services: await registry.list() });
    })
    .post('/admin/services/:id/disable', requireSession, mayWrite, stepUp, setDisabled(true))
    .post('/admin/services/:id/enable', requireSession, mayWrite, stepUp, setDisabled(false))
    .post('/admin/services/:id/rotate-secret', requireSession, mayWrite, stepUp, async (c) => {
      const serviceId = c.req.param('id');
      const { graceHours } = await readRotateBody(c);
      const rotation = await audit.transaction(
        actorOf(c),
        (tx) => registryOn(tx).rotateSecret(serviceId, graceHours),
        (done) => ({
          action: 'service.secret_rotated',
          target: { type: 'service', id: serviceId },
          // Never the secret: only when the one it replaced stops working.
          details: { previousSecretExpiresAt: done.previousSecretExpiresAt?.toISOString() ?? null },
        }),
      );
      logAction(c, 'service secret rotated', serviceId);
      // The service's credentials file (when the hub wrote it) gets the new secret, as the CLI's rotation does.
      const credentialsFile = credentialsFiles
        ? await updateCredentialsFile(credentialsFiles, serviceId, rotation.clientSecret).catch((err) => {
            c.get('log').error({ err, serviceId }, 'service credentials file not updated');
            return null;
          })
        : null;
      c.header('Cache-Control', 'no-store');
      return c.json({ ...rotation, credentialsFile });
    });
}
