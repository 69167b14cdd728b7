import { adminServicesApi, serviceRotationInput } from '@orbit/contracts';
import { endpointRoutes } from '@orbit/http';
import type { Context } from 'hono';
import type { z } from 'zod';
import type { AuditLog } from '../admin/index.js';
import type { HubEnv } from '../env.js';
import { readJson } from '../http/validate.js';
import { actorOf } from '../kernel/actor.js';
import type { IdentityDb } from '../kernel/db.js';
import { authOf, requirePermission, requireSession, requireStaffStepUp } from '../kernel/guards.js';
import type { StepUpCheck } from '../passkeys/index.js';
import { type CredentialsFiles, updateCredentialsFile } from './credentials-file.js';
import type { ServiceRegistry, ServiceView } from './registry.js';

/** Moved to kernel/guards.ts; re-exported for old imports. */
export { requireAdmin } from '../kernel/guards.js';

/** A rotate request may have no body at all (the default grace). */
async function readRotateBody(c: Context<HubEnv>): Promise<z.infer<typeof serviceRotationInput>> {
  const length = c.req.header('content-length');
  if ((length === undefined || length === '0') && !c.req.header('content-type')) return {};
  return readJson(c, serviceRotationInput);
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

  const setDisabled =
    (disabled: boolean) =>
    async (c: Context<HubEnv>, { params }: { params: { id: string } }) => {
      const service = await audit.transaction(
        actorOf(c),
        (tx) => registryOn(tx).setDisabled(params.id, disabled),
        (done) => ({ action: disabled ? 'service.disabled' : 'service.enabled', target: target(done) }),
      );
      logAction(c, disabled ? 'service disabled' : 'service enabled', service.id);
      return c.json({ service });
    };

  const api = adminServicesApi;
  return (
    endpointRoutes<HubEnv>('/api')
      .on(api.list, requireSession, requirePermission('services:write'), async (c) => {
        c.header('Cache-Control', 'no-store');
        return c.json({ services: await registry.list() });
      })
      .on(api.disable, requireSession, mayWrite, stepUp, setDisabled(true))
      .on(api.enable, requireSession, mayWrite, stepUp, setDisabled(false))
      // The body may be left out (the default grace), so the handler reads it rather than the binding.
      .on(
        { ...api.rotateSecret, body: undefined },
        requireSession,
        mayWrite,
        stepUp,
        async (c, { params }) => {
          const serviceId = params.id;
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
        },
      ).app
  );
}
