/**
 * Calls between services (docs/services.md, "Calling another service"): which scopes of which service a caller
 * may carry in tokens addressed to it. A manifest declares what its API offers (`api.offers`) and what it calls
 * (`api.calls`); registration records each requested scope as a call grant, approved at once when the hub's
 * operator registers the service (first party), pending otherwise. Admins approve and revoke grants; a revoked
 * grant stays revoked through re-registrations until an admin approves it again.
 */
import type { CallGrantStatus, CallGrantView, ServiceManifest } from '@orbit/contracts';
import { and, asc, eq, inArray, isNull, notInArray } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import { clients } from '../oidc/index.js';
import { SERVICES_ERRORS } from './errors.js';
import { type CallGrantRow, serviceCallGrants, services } from './schema.js';

/** The `resource` (RFC 8707) naming a service when its origin is not used: `urn:orbit:service:<id>`. */
export const SERVICE_RESOURCE_PREFIX = 'urn:orbit:service:';

/** A manifest stored before `api` existed has none: it offers and calls nothing. */
export const apiOf = (manifest: Pick<ServiceManifest, 'api'>): ServiceManifest['api'] =>
  manifest.api ?? { offers: [], calls: [] };

/**
 * Records a manifest's side of the calls, inside its registration's transaction: each scope it asks of another
 * service (that the service offers, when it is registered already) gets a grant (approved for a first-party registration, else pending; one an admin revoked stays
 * revoked), a scope it no longer asks for loses its grant (revoked ones are kept as the admin's word), and
 * grants other services hold for a scope this one no longer offers are deleted: a re-registration that drops a
 * scope shrinks what callers may get. Answers the caller's grants that wait for an admin (their scopes).
 */
export async function recordCalls(
  q: Queryable,
  manifest: ServiceManifest,
  options: { firstParty: boolean; now: Date },
): Promise<string[]> {
  const api = apiOf(manifest);
  // A registered target's scopes it does not offer are not recorded (its registration deleted them); one not
  // registered yet may offer them when it is.
  const targetIds = [...new Set(api.calls.map((call) => call.service))];
  const targets = targetIds.length
    ? await q
        .select({ id: services.id, manifest: services.manifest })
        .from(services)
        .where(inArray(services.id, targetIds))
    : [];
  const offeredBy = new Map(
    targets.map((target) => [target.id, new Set(apiOf(target.manifest).offers.map((offer) => offer.scope))]),
  );
  const wanted = api.calls.flatMap((call) =>
    call.scopes
      .filter((scope) => offeredBy.get(call.service)?.has(scope) ?? true)
      .map((scope) => ({ callerId: manifest.id, targetId: call.service, scope })),
  );
  const held = await q.select().from(serviceCallGrants).where(eq(serviceCallGrants.callerId, manifest.id));
  const key = (g: { targetId: string; scope: string }) => `${g.targetId} ${g.scope}`;
  const wantedKeys = new Set(wanted.map(key));
  const stale = held.filter((g) => g.status !== 'revoked' && !wantedKeys.has(key(g)));
  for (const grant of stale) {
    await q
      .delete(serviceCallGrants)
      .where(
        and(
          eq(serviceCallGrants.callerId, grant.callerId),
          eq(serviceCallGrants.targetId, grant.targetId),
          eq(serviceCallGrants.scope, grant.scope),
        ),
      );
  }
  if (wanted.length) {
    await q
      .insert(serviceCallGrants)
      .values(
        wanted.map((grant) => ({
          ...grant,
          status: options.firstParty ? ('approved' as const) : ('pending' as const),
          createdAt: options.now,
        })),
      )
      .onConflictDoNothing();
  }
  const offered = api.offers.map((offer) => offer.scope);
  await q
    .delete(serviceCallGrants)
    .where(
      offered.length
        ? and(eq(serviceCallGrants.targetId, manifest.id), notInArray(serviceCallGrants.scope, offered))
        : eq(serviceCallGrants.targetId, manifest.id),
    );
  const pending = await q
    .select({ scope: serviceCallGrants.scope })
    .from(serviceCallGrants)
    .where(and(eq(serviceCallGrants.callerId, manifest.id), eq(serviceCallGrants.status, 'pending')))
    .orderBy(asc(serviceCallGrants.scope));
  return pending.map((row) => row.scope);
}

const grantNotFound = () => SERVICES_ERRORS.serviceCallNotFound.error();

/** The service calls registry: what the token endpoint asks, and what admins see and decide. */
export function createServiceCalls({ db, clock }: { db: IdentityDb; clock: Clock }) {
  async function serviceRows(q: Queryable, ids: string[]) {
    if (ids.length === 0) return new Map<string, ServiceManifest>();
    const rows = await q
      .select({ id: services.id, manifest: services.manifest })
      .from(services)
      .where(inArray(services.id, ids));
    return new Map(rows.map((row) => [row.id, row.manifest]));
  }

  async function view(q: Queryable, rows: CallGrantRow[]): Promise<CallGrantView[]> {
    const targets = await serviceRows(q, [...new Set(rows.map((row) => row.targetId))]);
    return rows.map((row) => {
      const offer = targets.get(row.targetId) && apiOf(targets.get(row.targetId)!).offers;
      const description = offer?.find((o) => o.scope === row.scope)?.description ?? null;
      return {
        caller: row.callerId,
        target: row.targetId,
        scope: row.scope,
        status: row.status,
        offered: description !== null,
        description,
        decidedBy: row.decidedBy,
        decidedAt: row.decidedAt?.toISOString() ?? null,
        createdAt: row.createdAt.toISOString(),
      };
    });
  }

  async function decide(
    q: Queryable,
    actorId: string | null,
    grant: { caller: string; target: string; scope: string },
    status: 'approved' | 'revoked',
  ): Promise<{ grant: CallGrantView; changed: boolean }> {
    const where = and(
      eq(serviceCallGrants.callerId, grant.caller),
      eq(serviceCallGrants.targetId, grant.target),
      eq(serviceCallGrants.scope, grant.scope),
    );
    const [row] = await q.select().from(serviceCallGrants).where(where).for('update');
    if (!row) throw grantNotFound();
    if (row.status === status) return { grant: (await view(q, [row]))[0]!, changed: false };
    const [updated] = await q
      .update(serviceCallGrants)
      .set({ status, decidedBy: actorId, decidedAt: clock.now() })
      .where(where)
      .returning();
    return { grant: (await view(q, [updated!]))[0]!, changed: true };
  }

  return {
    /** Every call grant, by caller, target and scope; `status` filters. */
    async list(filter: { status?: CallGrantStatus | undefined } = {}): Promise<CallGrantView[]> {
      const rows = await db
        .select()
        .from(serviceCallGrants)
        .where(filter.status ? eq(serviceCallGrants.status, filter.status) : undefined)
        .orderBy(
          asc(serviceCallGrants.callerId),
          asc(serviceCallGrants.targetId),
          asc(serviceCallGrants.scope),
        );
      return view(db, rows);
    },

    /** Approves a grant (pending or revoked) on `q`, the admin's transaction; `changed` is false when it was. */
    approve: (
      q: Queryable,
      actorId: string | null,
      grant: { caller: string; target: string; scope: string },
    ) => decide(q, actorId, grant, 'approved'),

    /** Revokes a grant on `q`: tokens issued from now on leave its scope out. */
    revoke: (
      q: Queryable,
      actorId: string | null,
      grant: { caller: string; target: string; scope: string },
    ) => decide(q, actorId, grant, 'revoked'),

    /**
     * The service a `resource` (RFC 8707) names: its registered origin (`https://notes.example`, a trailing `/`
     * allowed) or `urn:orbit:service:<id>`. Undefined when no enabled service answers to it:
     * a disabled service takes no calls.
     */
    async resolveResource(resource: string): Promise<{ id: string; manifest: ServiceManifest } | undefined> {
      let id: string | undefined;
      if (resource.startsWith(SERVICE_RESOURCE_PREFIX)) id = resource.slice(SERVICE_RESOURCE_PREFIX.length);
      let origin: string | undefined;
      if (id === undefined) {
        try {
          const url = new URL(resource);
          if (url.pathname !== '/' || url.search || url.hash || url.username) return undefined;
          origin = url.origin;
        } catch {
          return undefined;
        }
      }
      const [row] = await db
        .select({ id: services.id, manifest: services.manifest })
        .from(services)
        .innerJoin(clients, eq(clients.id, services.id))
        .where(
          and(
            id !== undefined ? eq(services.id, id) : eq(services.origin, origin!),
            isNull(clients.disabledAt),
          ),
        )
        .limit(1);
      return row;
    },

    /** The origin a service was registered at, or undefined. */
    async originOf(id: string): Promise<string | undefined> {
      const [row] = await db.select({ origin: services.origin }).from(services).where(eq(services.id, id));
      return row?.origin;
    },

    /**
     * The scopes `callerId` may carry in a token addressed to `target` now: those its manifest asks for that
     * the target offers and that an approved grant covers (requested ∩ offered ∩ approved).
     */
    async grantedScopes(
      callerId: string,
      target: { id: string; manifest: ServiceManifest },
    ): Promise<Set<string>> {
      const [caller] = await db
        .select({ manifest: services.manifest })
        .from(services)
        .where(eq(services.id, callerId));
      if (!caller) return new Set();
      const requested = new Set(
        apiOf(caller.manifest)
          .calls.filter((call) => call.service === target.id)
          .flatMap((call) => call.scopes),
      );
      const offered = new Set(apiOf(target.manifest).offers.map((offer) => offer.scope));
      const approved = await db
        .select({ scope: serviceCallGrants.scope })
        .from(serviceCallGrants)
        .where(
          and(
            eq(serviceCallGrants.callerId, callerId),
            eq(serviceCallGrants.targetId, target.id),
            eq(serviceCallGrants.status, 'approved'),
          ),
        );
      return new Set(
        approved.map((row) => row.scope).filter((scope) => requested.has(scope) && offered.has(scope)),
      );
    },
  };
}

export type ServiceCalls = ReturnType<typeof createServiceCalls>;
