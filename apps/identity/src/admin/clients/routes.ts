import { adminClientsApi, clientRotationInput } from '@orbit/contracts';
import { endpointRoutes } from '@orbit/http';
import type { Context } from 'hono';
import type { z } from 'zod';
import type { HubEnv } from '../../env.js';
import { readJson } from '../../http/validate.js';
import { actorOf } from '../../kernel/actor.js';
import { requirePermission, requireSession, requireStaffStepUp } from '../../kernel/guards.js';
import type { ClientInput } from '../../oidc/index.js';
import type { StepUpCheck } from '../../passkeys/index.js';
import { type CredentialsFiles, updateCredentialsFile } from '../../services/index.js';
import type { ClientConsole } from './clients-console.js';

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

  const api = adminClientsApi;

  return (
    endpointRoutes<HubEnv>('/api')
      .on(api.list, requireSession, admin, async (c, { query }) => {
        noStore(c);
        return c.json({ clients: await clientConsole.list(query) });
      })
      .on(api.create, requireSession, admin, stepUp, async (c, { body }) => {
        // Any JSON object: the client registry's own rules check it (400 `client.invalid` naming each field).
        const created = await clientConsole.create(actorOf(c), body as ClientInput);
        noStore(c);
        return c.json({ client: created.client, clientSecret: created.clientSecret ?? null }, 201);
      })
      .on(api.get, requireSession, admin, async (c, { params }) => {
        noStore(c);
        return c.json({ client: await clientConsole.get(params.id) });
      })
      .on(api.update, requireSession, admin, stepUp, async (c, { params, body }) => {
        const edited = await clientConsole.edit(actorOf(c), params.id, body);
        noStore(c);
        return c.json({ client: edited.client, clientSecret: edited.clientSecret ?? null });
      })
      .on(api.disable, requireSession, admin, stepUp, async (c, { params }) =>
        c.json({ client: await clientConsole.setDisabled(actorOf(c), params.id, true) }),
      )
      .on(api.enable, requireSession, admin, stepUp, async (c, { params }) =>
        c.json({ client: await clientConsole.setDisabled(actorOf(c), params.id, false) }),
      )
      // The body may be left out (the default grace), so the handler reads it rather than the binding.
      .on({ ...api.rotateSecret, body: undefined }, requireSession, admin, stepUp, async (c, { params }) => {
        const { graceHours } = await readOptionalJson(c, clientRotationInput);
        const rotated = await clientConsole.rotateSecret(actorOf(c), params.id, graceHours);
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
      .on(api.remove, requireSession, admin, stepUp, async (c, { params }) => {
        await clientConsole.remove(actorOf(c), params.id);
        return c.body(null, 204);
      }).app
  );
}
