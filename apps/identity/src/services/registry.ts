import type { LocalizedText, ManifestPerk, ServiceManifest } from '@orbit/contracts';
import { asc, count, eq, inArray, isNull } from 'drizzle-orm';
import { accountRoles } from '../accounts/index.js';
import type { Clock } from '../clock.js';
import { AppError } from '../http/errors.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import type { Rotation } from '../oidc/index.js';
import {
  type ClientRow,
  type Clients,
  type ClientView,
  clients,
  createClients,
  viewClient,
} from '../oidc/index.js';
import { recordCalls } from './calls.js';
import { clientMatches, entryMatches, planRegistration } from './registration.js';
import { type DeclaredRole, readDeclaredRoles, rolesOfManifest } from './roles.js';
import { type ServiceRow, services } from './schema.js';

export type RegisterStatus = 'created' | 'updated' | 'unchanged';

/**
 * Runs in the registering transaction after a registration created or changed a service: e.g. membership's
 * default tiers taking the perk values the manifest names (membership/defaults.ts). It fails, all fails.
 */
export type AfterRegister = (tx: IdentityDb) => Promise<unknown>;

/** A registered service as an admin sees it: the launcher entry and its OIDC client's settings. */
export interface ServiceView {
  id: string;
  name: string;
  names: LocalizedText;
  description: string;
  descriptions: LocalizedText;
  origin: string;
  homeUrl: string;
  badgeUrl: string | null;
  perks: ManifestPerk[];
  /** The roles its manifest declares, by full name (`news.editor`). */
  roles: DeclaredRole[];
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
  client: ClientView;
}

export interface Registration {
  status: RegisterStatus;
  service: ServiceView;
  /** The new client secret: only when the client was created by this registration (shown once). */
  clientSecret: string | undefined;
  /**
   * Roles the previous manifest declared and this one does not, that accounts still hold: their grants stay but
   * are retired — in no token, not grantable — until the role is declared again or an admin revokes them.
   */
  retiredRoles: { role: string; holders: number }[];
  /** The calls its manifest makes that wait for an admin (`<service>:<scope>` as `notes:read`), sorted. */
  pendingCalls: string[];
}

/** A service joined to its client (one query). */
interface Registered {
  service: ServiceRow;
  client: ClientRow;
}

export function viewService({ service, client }: Registered): ServiceView {
  return {
    id: service.id,
    name: service.name,
    names: service.names,
    description: service.description,
    descriptions: service.descriptions,
    origin: service.origin,
    homeUrl: service.homeUrl,
    badgeUrl: service.badgeUrl,
    perks: service.perks,
    roles: rolesOfManifest(service.id, service.manifest.roles),
    disabled: client.disabledAt !== null,
    createdAt: service.createdAt.toISOString(),
    updatedAt: service.updatedAt.toISOString(),
    client: viewClient(client),
  };
}

/** The roles a re-registration stops declaring that accounts still hold (grants are kept, see roles.ts). */
async function retiredBy(q: Queryable, previous: ServiceRow, next: ServiceManifest) {
  const kept = new Set(next.roles.map((role) => role.name));
  const dropped = rolesOfManifest(previous.id, previous.manifest.roles)
    .filter((role) => !kept.has(role.name))
    .map((role) => role.role);
  if (dropped.length === 0) return [];
  const held = await q
    .select({ role: accountRoles.role, holders: count() })
    .from(accountRoles)
    .where(inArray(accountRoles.role, dropped))
    .groupBy(accountRoles.role)
    .orderBy(asc(accountRoles.role));
  return held.map((row) => ({ role: row.role, holders: Number(row.holders) }));
}

const notFound = (id: string) => new AppError(404, 'service.not_found', `No service ${id}.`);

/**
 * The services that make up Orbit. Registering a manifest creates or updates the service's OIDC client and
 * its launcher entry together; whether a service is disabled is its client's state, so a disabled service
 * can neither sign users in nor call the hub.
 */
export function createServiceRegistry({
  db,
  clock,
  clients: clientRegistry,
  afterRegister = [],
}: {
  db: IdentityDb;
  clock: Clock;
  /** The client registry on `db`; inside a transaction the registry builds one on the transaction. */
  clients: Clients;
  /** What runs after each registration that changes something (see `onRegistered`); shared by `within`. */
  afterRegister?: AfterRegister[];
}) {
  const joined = () =>
    db
      .select({ service: services, client: clients })
      .from(services)
      .innerJoin(clients, eq(clients.id, services.id));

  async function find(id: string): Promise<Registered | undefined> {
    const [found] = await joined().where(eq(services.id, id));
    return found;
  }

  async function mustFind(id: string): Promise<Registered> {
    const found = await find(id);
    if (!found) throw notFound(id);
    return found;
  }

  return {
    /** Adds what runs in the transaction of every registration that creates or changes a service. */
    onRegistered(hook: AfterRegister): void {
      afterRegister.push(hook);
    },

    /**
     * The hooks `onRegistered` added: a registry built on a transaction passes them on
     * (`createServiceRegistry({ db: tx, …, afterRegister: registry.registrationHooks })`).
     */
    registrationHooks: afterRegister,

    /**
     * Registers a service from its manifest, served at `origin` (default `http://localhost:<defaultPort>`).
     * Idempotent: the same manifest and origin again change nothing (`unchanged`). The client secret is
     * answered only when the client is created. The calls its manifest makes to other services are approved at
     * once for the hub's operator's own registrations (`firstParty`, the default: `services:register`,
     * `npm start`); with `firstParty: false` they wait for an admin (docs/services.md, "Calling another service").
     */
    async register(
      input: unknown,
      origin?: string,
      options: { firstParty?: boolean } = {},
    ): Promise<Registration> {
      const { manifest, settings, entry } = planRegistration(input, origin);
      const firstParty = options.firstParty ?? true;

      return db.transaction(async (tx) => {
        const txClients = createClients({ db: tx, clock });
        const now = clock.now();
        // The calls it makes and the scopes it offers, at every registration (an unchanged one too: a target
        // registered since may now be asked).
        const calls = () => recordCalls(tx, manifest, { firstParty, now });
        const [current] = await tx.select().from(services).where(eq(services.id, manifest.id)).for('update');
        const client = await txClients.get(manifest.id);

        if (!client) {
          const created = await txClients.create({ id: manifest.id, type: 'confidential', ...settings });
          const [service] = await tx
            .insert(services)
            .values({ id: manifest.id, ...entry, createdAt: now, updatedAt: now })
            .returning();
          const pendingCalls = await calls();
          for (const hook of afterRegister) await hook(tx);
          return {
            status: 'created' as const,
            service: viewService({ service: service!, client: created.client }),
            clientSecret: created.clientSecret,
            retiredRoles: [],
            pendingCalls,
          };
        }
        if (!current) {
          throw new AppError(
            409,
            'service.client_taken',
            `An OAuth client with id ${manifest.id} exists already and is not a service; give the service another id.`,
          );
        }

        const sameClient = clientMatches(client, settings);
        const sameEntry = entryMatches(current, entry);
        if (sameClient && sameEntry) {
          const pendingCalls = await calls();
          return {
            status: 'unchanged' as const,
            service: viewService({ service: current, client }),
            clientSecret: undefined,
            retiredRoles: [],
            pendingCalls,
          };
        }
        const updatedClient = sameClient
          ? client
          : await txClients.update(manifest.id, {
              ...settings,
              // Not the manifest's business: keep what an admin set.
              idTokenSignedResponseAlg: client.idTokenSignedResponseAlg,
              accessTokenSignedResponseAlg: client.accessTokenSignedResponseAlg,
            });
        const [service] = sameEntry
          ? [current]
          : await tx
              .update(services)
              .set({ ...entry, updatedAt: now })
              .where(eq(services.id, manifest.id))
              .returning();
        const pendingCalls = await calls();
        for (const hook of afterRegister) await hook(tx);
        return {
          status: 'updated' as const,
          service: viewService({ service: service!, client: updatedClient }),
          clientSecret: undefined,
          retiredRoles: await retiredBy(tx, current, manifest),
          pendingCalls,
        };
      });
    },

    /**
     * Every role the registered services declare (`news.editor`, …), disabled services' too: what an admin may
     * grant besides the hub roles. A role a manifest stopped declaring is not here (docs/roles-and-audit.md).
     */
    declaredRoles(): Promise<DeclaredRole[]> {
      return readDeclaredRoles(db);
    },

    async get(id: string): Promise<ServiceView | undefined> {
      const found = await find(id);
      return found && viewService(found);
    },

    async list(): Promise<ServiceView[]> {
      return (await joined().orderBy(asc(services.createdAt), asc(services.id))).map(viewService);
    },

    /** The services users may open: those whose client is not disabled. */
    async listEnabled(): Promise<ServiceView[]> {
      const rows = await joined()
        .where(isNull(clients.disabledAt))
        .orderBy(asc(services.createdAt), asc(services.id));
      return rows.map(viewService);
    },

    /** A service users may open, or undefined when there is none by that id or it is disabled. */
    async getEnabled(id: string): Promise<ServiceView | undefined> {
      const found = await find(id);
      return found && !found.client.disabledAt ? viewService(found) : undefined;
    },

    /** An enabled service's icon (inline SVG), or undefined. */
    async icon(id: string): Promise<string | undefined> {
      const found = await find(id);
      return found && !found.client.disabledAt ? found.service.iconSvg : undefined;
    },

    async setDisabled(id: string, disabled: boolean): Promise<ServiceView> {
      const { service } = await mustFind(id);
      const client = await clientRegistry.setDisabled(id, disabled);
      return viewService({ service, client });
    },

    /**
     * Issues a new client secret; the one it replaces keeps working for `graceHours` (default 24, 0: stops at
     * once). Answers the new secret (only its hash is kept) and when the old one stops.
     */
    async rotateSecret(id: string, graceHours?: number): Promise<Rotation> {
      await mustFind(id);
      return clientRegistry.rotateSecret(id, graceHours);
    },

    /** Whether `secret` is a live client secret of the service (e.g. the one in its credentials file). */
    secretMatches(id: string, secret: string): Promise<boolean> {
      return clientRegistry.secretMatches(id, secret);
    },
  };
}

export type ServiceRegistry = ReturnType<typeof createServiceRegistry>;
