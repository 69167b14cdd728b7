import { timingSafeEqual } from 'node:crypto';
import type { LocalizedText, ManifestPerk } from '@orbit/manifest';
import { asc, eq, isNull } from 'drizzle-orm';
import type { IdentityDb } from '../accounts/accounts.js';
import type { Clock } from '../clock.js';
import { sha256 } from '../crypto.js';
import { AppError } from '../http/errors.js';
import { type Clients, type ClientView, createClients, viewClient } from '../oidc/clients/clients.js';
import { type ClientRow, clients } from '../oidc/schema.js';
import { clientMatches, entryMatches, planRegistration } from './registration.js';
import { type ServiceRow, services } from './schema.js';

export type RegisterStatus = 'created' | 'updated' | 'unchanged';

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
    disabled: client.disabledAt !== null,
    createdAt: service.createdAt.toISOString(),
    updatedAt: service.updatedAt.toISOString(),
    client: viewClient(client),
  };
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
}: {
  db: IdentityDb;
  clock: Clock;
  /** The client registry on `db`; inside a transaction the registry builds one on the transaction. */
  clients: Clients;
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
    /**
     * Registers a service from its manifest, served at `origin` (default `http://localhost:<defaultPort>`).
     * Idempotent: the same manifest and origin again change nothing (`unchanged`). The client secret is
     * answered only when the client is created.
     */
    async register(input: unknown, origin?: string): Promise<Registration> {
      const { manifest, settings, entry } = planRegistration(input, origin);

      return db.transaction(async (tx) => {
        const txClients = createClients({ db: tx, clock });
        const now = clock.now();
        const [current] = await tx.select().from(services).where(eq(services.id, manifest.id)).for('update');
        const client = await txClients.get(manifest.id);

        if (!client) {
          const created = await txClients.create({ id: manifest.id, type: 'confidential', ...settings });
          const [service] = await tx
            .insert(services)
            .values({ id: manifest.id, ...entry, createdAt: now, updatedAt: now })
            .returning();
          return {
            status: 'created' as const,
            service: viewService({ service: service!, client: created.client }),
            clientSecret: created.clientSecret,
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
          return {
            status: 'unchanged' as const,
            service: viewService({ service: current, client }),
            clientSecret: undefined,
          };
        }
        const updatedClient = sameClient
          ? client
          : await txClients.update(manifest.id, {
              ...settings,
              // Not the manifest's business: keep what an admin set.
              idTokenSignedResponseAlg: client.idTokenSignedResponseAlg,
            });
        const [service] = sameEntry
          ? [current]
          : await tx
              .update(services)
              .set({ ...entry, updatedAt: now })
              .where(eq(services.id, manifest.id))
              .returning();
        return {
          status: 'updated' as const,
          service: viewService({ service: service!, client: updatedClient }),
          clientSecret: undefined,
        };
      });
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

    /** Issues a new client secret; the old one stops working at once. Answers it (only its hash is kept). */
    async rotateSecret(id: string): Promise<string> {
      await mustFind(id);
      return clientRegistry.rotateSecret(id);
    },

    /** Whether `secret` is the service's current client secret (e.g. the one in its credentials file). */
    async secretMatches(id: string, secret: string): Promise<boolean> {
      const client = await clientRegistry.get(id);
      if (!client?.secretHash) return false;
      const given = Buffer.from(sha256(secret));
      const stored = Buffer.from(client.secretHash);
      return given.length === stored.length && timingSafeEqual(given, stored);
    },
  };
}

export type ServiceRegistry = ReturnType<typeof createServiceRegistry>;
