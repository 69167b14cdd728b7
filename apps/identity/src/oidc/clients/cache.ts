import type { Listen } from '@orbit/db';
import type { ClientRow } from '../schema.js';

/**
 * The channel the `oidc.clients` and `oidc.client_secrets` triggers notify on every change (migration 0019),
 * from any process: the admin console, the service registry, the CLI, another hub instance.
 */
export const CLIENTS_CHANNEL = 'orbit_oidc_clients';

/** A stored secret as the cache keeps it: its hash and when it stops working (null: the current one). */
export interface CachedSecret {
  secretHash: string;
  expiresAt: Date | null;
}

/** More clients than this and the cache starts again: ids come from requests, so it must not grow forever. */
const MAX_ENTRIES = 10_000;

/**
 * Writes to clients in this process, counted across every hub in it (tests run many): a write by any
 * `createClients` (on the database or inside a transaction) makes every cache here start again before the
 * write commits, so this process's next read after the commit goes to the database. The notification at commit
 * then covers other processes, and a read that raced the commit here.
 */
let localWrites = 0;
export function clientsWritten(): void {
  localWrites++;
}

/**
 * Client registrations and their secret hashes, kept in memory while (and only while) the hub is subscribed to
 * their change notifications: the token endpoint then authenticates a client without a query. Every change,
 * whoever makes it, empties the cache (registrations change rarely); so does each (re)connection of the
 * subscription, since notifications sent while it was down are lost. Misses are not kept. Secret lifetimes are
 * compared with the clock at each use, never at caching.
 */
export function createClientCache() {
  const clients = new Map<string, Promise<ClientRow | undefined>>();
  const secrets = new Map<string, Promise<CachedSecret[]>>();
  let generation = 0;
  let seenWrites = localWrites;
  let stop: (() => Promise<void>) | undefined;

  function clear() {
    generation++;
    clients.clear();
    secrets.clear();
  }

  /** A cached value, or the loaded one, kept only if nothing changed while it loaded. */
  async function through<T>(
    map: Map<string, Promise<T>>,
    id: string,
    load: () => Promise<T>,
    keep: (value: T) => boolean,
  ): Promise<T> {
    if (seenWrites !== localWrites) {
      seenWrites = localWrites;
      clear();
    }
    if (!stop) return load();
    const hit = map.get(id);
    if (hit) return hit;
    const started = generation;
    // Once: a Drizzle query is a thenable that runs again each time it is awaited.
    const loading = Promise.resolve(load());
    if (map.size >= MAX_ENTRIES) map.clear();
    map.set(id, loading);
    try {
      const value = await loading;
      if (started !== generation || !keep(value)) {
        if (map.get(id) === loading) map.delete(id);
      }
      return value;
    } catch (error) {
      if (map.get(id) === loading) map.delete(id);
      throw error;
    }
  }

  return {
    /** The registration of `id` (`load` reads it from the database); unknown ids are never kept. */
    client(id: string, load: () => Promise<ClientRow | undefined>): Promise<ClientRow | undefined> {
      return through(clients, id, load, (row) => row !== undefined);
    },

    /** Every stored secret of `id`, live or not (`load` reads them); the caller checks their lifetimes. */
    secrets(id: string, load: () => Promise<CachedSecret[]>): Promise<CachedSecret[]> {
      return through(secrets, id, load, () => true);
    },

    /** Starts keeping entries, subscribed to the change notifications. */
    async watch(listen: Listen): Promise<void> {
      if (stop) return;
      stop = await listen(CLIENTS_CHANNEL, clear, clear);
    },

    /** Stops keeping entries and ends the subscription (the hub's close). */
    async unwatch(): Promise<void> {
      const ending = stop;
      stop = undefined;
      clear();
      await ending?.();
    },
  };
}

export type ClientCache = ReturnType<typeof createClientCache>;
