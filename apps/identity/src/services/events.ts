import { resolveManifest } from '@orbit/contracts';
import { PermanentJobError } from '@orbit/jobs';
import { eq } from 'drizzle-orm';
import type { IdentityDb } from '../kernel/db.js';
import { clients } from '../oidc/index.js';
import { services } from './schema.js';

const DELIVERY_TIMEOUT_MS = 5_000;
/** RFC 8935 §2.2 answers 202; 200 and 204 are taken as delivered too. */
const DELIVERED = new Set([200, 202, 204]);

export interface ServiceEventPush {
  db: IdentityDb;
  /** Outbound HTTP; the global `fetch` unless given. */
  fetch?: typeof fetch | undefined;
}

/**
 * Pushes one Security Event Token (RFC 8417) to a registered service (RFC 8935): to where the service is now — its
 * registered origin and the `events` path its manifest declares — signed by `sign` when it is sent. The one
 * delivery step of every hub event (membership, social, account deletion), each queued as a durable job. Throws
 * (so the queue retries) unless the service answers 202, 200 or 204; a `PermanentJobError` when the service is
 * gone or disabled, or no longer holds every scope in `requireScopes`.
 */
export async function pushServiceEvent(
  deps: ServiceEventPush,
  serviceId: string,
  sign: () => Promise<string>,
  options: { signal: AbortSignal; requireScopes?: readonly string[] },
): Promise<void> {
  const [target] = await deps.db
    .select({
      origin: services.origin,
      manifest: services.manifest,
      disabledAt: clients.disabledAt,
      scopes: clients.scopes,
    })
    .from(services)
    .innerJoin(clients, eq(clients.id, services.id))
    .where(eq(services.id, serviceId));
  if (!target || target.disabledAt) {
    throw new PermanentJobError(`The service ${serviceId} is gone or disabled.`);
  }
  const missing = options.requireScopes?.find((scope) => !target.scopes.includes(scope));
  if (missing) throw new PermanentJobError(`The service ${serviceId} no longer has ${missing}.`);
  const url = resolveManifest(target.manifest, target.origin).eventsUrl;
  const res = await (deps.fetch ?? fetch)(url, {
    method: 'POST',
    headers: { 'content-type': 'application/secevent+jwt', accept: 'application/json' },
    body: await sign(),
    redirect: 'manual',
    signal: AbortSignal.any([options.signal, AbortSignal.timeout(DELIVERY_TIMEOUT_MS)]),
  });
  await res.arrayBuffer().catch(() => undefined);
  if (!DELIVERED.has(res.status)) throw new Error(`${url} answered ${res.status}`);
}
