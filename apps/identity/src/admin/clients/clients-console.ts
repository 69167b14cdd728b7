import type {
  AdminClientView,
  CLIENT_AUTH_METHODS,
  CLIENT_GRANT_TYPES,
  CLIENT_SCOPES,
  MAX_GRACE_HOURS as CONSOLE_MAX_GRACE_HOURS,
  clientChanges,
  clientFilters,
  ID_TOKEN_SIGNING_ALGORITHMS,
} from '@orbit/contracts';
import { and, asc, eq, ilike, isNotNull, isNull, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Clock } from '../../clock.js';
import { AppError } from '../../http/errors.js';
import type { AuditActor } from '../../kernel/actor.js';
import type { IdentityDb, Queryable } from '../../kernel/db.js';
import {
  type authMethods,
  type ClientInput,
  type ClientRow,
  type ClientSettingsInput,
  clients,
  createClientSecrets,
  createClients,
  graceHoursOf,
  type grantTypes,
  type KNOWN_SCOPES,
  type MAX_GRACE_HOURS,
  type SecretView,
  settingsOf,
  type signingAlgorithms,
  usesSecret,
  viewClient,
} from '../../oidc/index.js';
import { services } from '../../services/index.js';
import type { AuditLog } from '../audit.js';

/** A client as the console shows it: its registration, which service owns it, and its live secrets. */
export type { AdminClientView };

/**
 * The console's filters and what an edit may change (any registration setting, never the id or the type; a missing
 * field stays as it is, `backchannelLogoutUri: null` removes it) are declared in `@orbit/contracts`.
 */
export type ClientFilters = z.output<typeof clientFilters>;
export type ClientChanges = z.output<typeof clientChanges>;

/** A compile error here means the console's lists in `@orbit/contracts` and the hub's own have drifted apart. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type ConsoleListsMatch = [
  Assert<Same<(typeof CLIENT_AUTH_METHODS)[number], (typeof authMethods)[number]>>,
  Assert<Same<(typeof CLIENT_GRANT_TYPES)[number], (typeof grantTypes)[number]>>,
  Assert<Same<(typeof ID_TOKEN_SIGNING_ALGORITHMS)[number], (typeof signingAlgorithms)[number]>>,
  Assert<Same<(typeof CLIENT_SCOPES)[number], (typeof KNOWN_SCOPES)[number]>>,
  Assert<Same<typeof CONSOLE_MAX_GRACE_HOURS, typeof MAX_GRACE_HOURS>>,
];

const notFound = (id: string) => new AppError(404, 'client.not_found', `No client ${id}.`);

const serviceManaged = (id: string) =>
  new AppError(
    409,
    'client.service_managed',
    `Client ${id} belongs to the service ${id}: its settings come from the service’s manifest. Rotate its secret or disable it; change the rest by registering the service again.`,
    { service: id },
  );

/** The settings fields whose values differ between two registrations (for the audit log, never values). */
function changedFields(before: ClientRow, after: ClientRow): string[] {
  const a = settingsOf(before) as Record<string, unknown>;
  const b = settingsOf(after) as Record<string, unknown>;
  return Object.keys({ ...a, ...b })
    .filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]))
    .sort();
}

/**
 * OIDC clients in the admin console: list and filter, register (the secret answered once), edit through the
 * registration's own rules, disable and enable, rotate the secret with an overlap, and delete a standalone
 * client. Each write is one transaction with its audit entry. A service's client is registered by its manifest:
 * only its secret and whether it is enabled are the console's business.
 */
export function createClientConsole({ db, clock, audit }: { db: IdentityDb; clock: Clock; audit: AuditLog }) {
  const registry = createClients({ db, clock });

  async function view(row: ClientRow, service: string | null, q: Queryable = db): Promise<AdminClientView> {
    const secrets = usesSecret(row) ? await createClientSecrets({ db: q, clock }).list(row.id) : [];
    return viewWith(row, service, secrets);
  }

  function viewWith(row: ClientRow, service: string | null, secrets: SecretView[]): AdminClientView {
    return {
      ...viewClient(row),
      // The columns' own types, which the console's view names (`viewClient` widens them to text).
      tokenEndpointAuthMethod: row.tokenEndpointAuthMethod,
      grantTypes: row.grantTypes,
      idTokenSignedResponseAlg: row.idTokenSignedResponseAlg,
      accessTokenSignedResponseAlg: row.accessTokenSignedResponseAlg,
      service,
      usesSecret: usesSecret(row),
      secrets,
      hasJwks: row.jwks !== null,
      updatedAt: row.updatedAt.toISOString(),
      disabledAt: row.disabledAt?.toISOString() ?? null,
    };
  }

  async function serviceOf(q: Queryable, id: string): Promise<string | null> {
    const [row] = await q.select({ id: services.id }).from(services).where(eq(services.id, id));
    return row?.id ?? null;
  }

  /** The client row, locked for this transaction, and the service owning it. */
  async function locked(q: Queryable, id: string): Promise<{ row: ClientRow; service: string | null }> {
    const [row] = await q.select().from(clients).where(eq(clients.id, id)).for('update');
    if (!row) throw notFound(id);
    return { row, service: await serviceOf(q, id) };
  }

  const target = (row: ClientRow) => ({ type: 'client', id: row.id, label: row.name });

  return {
    async list(filters: ClientFilters = {}): Promise<AdminClientView[]> {
      const where: SQL[] = [];
      const q = filters.q?.trim();
      if (q) {
        // `%`, `_` and `\` match literally (Postgres' default LIKE escape is `\`).
        const contains = `%${q.replace(/[\\%_]/g, '\\$&')}%`;
        const either = or(ilike(clients.id, contains), ilike(clients.name, contains));
        if (either) where.push(either);
      }
      if (filters.status) {
        where.push(
          filters.status === 'disabled' ? isNotNull(clients.disabledAt) : isNull(clients.disabledAt),
        );
      }
      if (filters.kind) where.push(filters.kind === 'service' ? isNotNull(services.id) : isNull(services.id));
      const matching = await db
        .select({ client: clients, service: services.id })
        .from(clients)
        .leftJoin(services, eq(services.id, clients.id))
        .where(and(...where))
        .orderBy(asc(clients.createdAt), asc(clients.id));
      const secrets = await createClientSecrets({ db, clock }).listFor(
        matching.filter(({ client }) => usesSecret(client)).map(({ client }) => client.id),
      );
      return matching.map(({ client, service }) =>
        viewWith(client, service, usesSecret(client) ? (secrets.get(client.id) ?? []) : []),
      );
    },

    async get(id: string): Promise<AdminClientView> {
      const row = await registry.get(id);
      if (!row) throw notFound(id);
      return view(row, await serviceOf(db, id));
    },

    async create(
      actor: AuditActor,
      input: ClientInput,
    ): Promise<{ client: AdminClientView; clientSecret: string | undefined }> {
      return db.transaction(async (tx) => {
        const { client, clientSecret } = await createClients({ db: tx, clock }).create(input);
        await audit.record(tx, actor, {
          action: 'client.created',
          target: target(client),
          details: {
            type: client.type,
            tokenEndpointAuthMethod: client.tokenEndpointAuthMethod,
            grantTypes: client.grantTypes,
            firstParty: client.firstParty,
          },
        });
        return { client: await view(client, null, tx), clientSecret };
      });
    },

    /**
     * Changes a standalone client's registration. A client that now authenticates with a secret but has none
     * gets one, answered once.
     */
    async edit(
      actor: AuditActor,
      id: string,
      changes: ClientChanges,
    ): Promise<{ client: AdminClientView; clientSecret: string | undefined }> {
      return db.transaction(async (tx) => {
        const { row, service } = await locked(tx, id);
        if (service) throw serviceManaged(id);
        const { backchannelLogoutUri, ...rest } = changes;
        const merged: ClientSettingsInput = { ...settingsOf(row), ...rest };
        if (backchannelLogoutUri === null) delete merged.backchannelLogoutUri;
        else if (backchannelLogoutUri !== undefined) merged.backchannelLogoutUri = backchannelLogoutUri;
        const txClients = createClients({ db: tx, clock });
        const updated = await txClients.update(id, merged);
        const clientSecret =
          usesSecret(updated) && (await txClients.secrets(id)).length === 0
            ? (await txClients.rotateSecret(id, 0)).clientSecret
            : undefined;
        await audit.record(tx, actor, {
          action: 'client.updated',
          target: target(updated),
          details: { changed: changedFields(row, updated), secretIssued: clientSecret !== undefined },
        });
        return { client: await view(updated, null, tx), clientSecret };
      });
    },

    async setDisabled(actor: AuditActor, id: string, disabled: boolean): Promise<AdminClientView> {
      return db.transaction(async (tx) => {
        const { row, service } = await locked(tx, id);
        if ((row.disabledAt !== null) === disabled) return view(row, service, tx);
        const updated = await createClients({ db: tx, clock }).setDisabled(id, disabled);
        await audit.record(tx, actor, {
          action: disabled ? 'client.disabled' : 'client.enabled',
          target: target(updated),
          details: service ? { service } : {},
        });
        return view(updated, service, tx);
      });
    },

    /** A new secret (answered once); the replaced one works for the grace. */
    async rotateSecret(
      actor: AuditActor,
      id: string,
      graceHours: number | undefined,
    ): Promise<{ client: AdminClientView; clientSecret: string; previousSecretExpiresAt: Date | null }> {
      return db.transaction(async (tx) => {
        const { row, service } = await locked(tx, id);
        const txClients = createClients({ db: tx, clock });
        const grace = graceHoursOf(graceHours);
        const { clientSecret, previousSecretExpiresAt } = await txClients.rotateSecret(id, grace);
        await audit.record(tx, actor, {
          action: 'client.secret_rotated',
          target: target(row),
          details: {
            graceHours: grace,
            previousSecretExpiresAt: previousSecretExpiresAt?.toISOString() ?? null,
            ...(service ? { service } : {}),
          },
        });
        const updated = (await txClients.get(id)) ?? row;
        return { client: await view(updated, service, tx), clientSecret, previousSecretExpiresAt };
      });
    },

    /** Deletes a standalone client with its secrets, grants and consents. */
    async remove(actor: AuditActor, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const { row, service } = await locked(tx, id);
        if (service) throw serviceManaged(id);
        await createClients({ db: tx, clock }).remove(id);
        await audit.record(tx, actor, { action: 'client.deleted', target: target(row) });
      });
    },
  };
}

export type ClientConsole = ReturnType<typeof createClientConsole>;
