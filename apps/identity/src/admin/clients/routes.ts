import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { HubEnv } from '../../env.js';
import { readJson, readQuery } from '../../http/validate.js';
import { requirePermission, requireSession, requireStaffStepUp } from '../../kernel/guards.js';
import type { ClientInput } from '../../oidc/clients/clients.js';
import type { StepUpCheck } from '../../passkeys/step-up.js';
import { type CredentialsFiles, updateCredentialsFile } from '../../services/credentials-file.js';
import { actorOf } from '../actor.js';
import { type ClientConsole, clientChanges, clientFilters, rotationInput } from './clients-console.js';

/**
 * A body that may be left out (`rotate-secret` with the default grace): no body and no content type is `{}`;
 * anything else must be JSON that matches.
 */
async function readOptionalJson<S extends z.ZodType>(c: Context<HubEnv>, schema: S): Promise<z.output<S>> {
  const length = c.req.header('content-length');
  if ((length === undefined || length === '0') && !c.req.header('content-type')) return schema.parse({});
  return readJson(c, schema);
}

/**
 * The registration of a new client: a JSON object, checked by the client registry's own rules (`clientInput`),
 * whose refusal is a 400 `client.invalid` naming each field.
 */
const registration = z.record(z.string(), z.unknown());

/**
 * OIDC clients in the admin console (`/api/admin/clients`). Only admins (`clients:write`) see or change them;
 * every write needs the staff passkey step-up and is audited with the write.
 */
export function adminClientRoutes({
  console: clientConsole,
  stepUpCheck,
  credentialsFiles,
}: {
  console: ClientConsole;
  stepUpCheck: StepUpCheck;
  /** Where `services:register` writes credentials files: a service client's rotation updates its file. */
  credentialsFiles?: CredentialsFiles;
}) {
  // Reads are admin-only too: redirect URIs and who may use which grant are an attacker's map.
  const admin = requirePermission('clients:write');
  const stepUp = requireStaffStepUp(stepUpCheck);
  const noStore = (c: Context<HubEnv>) => c.header('Cache-Control', 'no-store');

  return new Hono<HubEnv>()
    .get('/admin/clients', requireSession, admin, async (c) => {
      const filters = readQuery(c, clientFilters);
      noStore(c);
      return c.json({ clients: await clientConsole.list(filters) });
    })
    .post('/admin/clients', requireSession, admin, stepUp, async (c) => {
      const input = await readJson(c, registration);
      const created = await clientConsole.create(actorOf(c), input as ClientInput);
      noStore(c);
      return c.json({ client: created.client, clientSecret: created.clientSecret ?? null }, 201);
    })
    .get('/admin/clients/:id', requireSession, admin, async (c) => {
      noStore(c);
      return c.json({ client: await clientConsole.get(c.req.param('id')) });
    })
    .patch('/admin/clients/:id', requireSession, admin, stepUp, async (c) => {
      const changes = await readJson(c, clientChanges);
      const edited = await clientConsole.edit(actorOf(c), c.req.param('id'), changes);
      noStore(c);
      return c.json({ client: edited.client, clientSecret: edited.clientSecret ?? null });
    })
    .post('/admin/clients/:id/disable', requireSession, admin, stepUp, async (c) =>
      c.json({ client: await clientConsole.setDisabled(actorOf(c), c.req.param('id'), true) }),
    )
    .post('/admin/clients/:id/enable', requireSession, admin, stepUp, async (c) =>
      c.json({ client: await clientConsole.setDisabled(actorOf(c), c.req.param('id'), false) }),
    )
    .post('/admin/clients/:id/rotate-secret', requireSession, admin, stepUp, async (c) => {
      const { graceHours } = await readOptionalJson(c, rotationInput);
      const rotated = await clientConsole.rotateSecret(actorOf(c), c.req.param('id'), graceHours);
      const { service } = rotated.client;
      // A service's credentials file (when the hub wrote it) gets the new secret, as services:rotate-secret does.
      const credentialsFile =
        service && credentialsFiles
          ? await updateCredentialsFile(credentialsFiles, service, rotated.clientSecret).catch((err) => {
              c.get('log').error({ err, serviceId: service }, 'service credentials file not updated');
              return null;
            })
          : null;
      noStore(c);
      return c.json({
        client: rotated.client,
        clientSecret: rotated.clientSecret,
        previousSecretExpiresAt: rotated.previousSecretExpiresAt?.toISOString() ?? null,
        ...(service ? { credentialsFile } : {}),
      });
    })
    .delete('/admin/clients/:id', requireSession, admin, stepUp, async (c) => {
      await clientConsole.remove(actorOf(c), c.req.param('id'));
      return c.body(null, 204);
    });
}
