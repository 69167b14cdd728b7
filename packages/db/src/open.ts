import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { connectPostgres } from './connect.js';
import { IN_MEMORY_START_PARAMS } from './in-memory.js';
import { lockDataDir } from './lock.js';
import { pgliteTemplate } from './testing.js';

/** A Drizzle database, whichever driver is underneath. Both drivers share the `pg-core` dialect. */
export type Database<TSchema extends Record<string, unknown> = Record<string, never>> = PgDatabase<
  PgQueryResultHKT,
  TSchema
>;

export interface OpenDatabaseOptions<TSchema extends Record<string, unknown>> {
  /** `postgres://…`: use the server with a connection pool. Absent: embedded PGlite. */
  url?: string | undefined;
  /**
   * Where embedded PGlite keeps its files (created if missing). `memory://` keeps everything in memory,
   * which tests use. Ignored when `url` is set.
   */
  dataDir: string;
  /** The Drizzle schema objects, for the relational query API. */
  schema: TSchema;
  /** Connections in the pool (Postgres only). */
  poolSize?: number;
  /**
   * PGlite only: a new data directory starts as this dump (`dumpDataDir()` of another database) instead of an
   * empty cluster, which skips `initdb` — tests start from an already-migrated template this way. Ignored
   * when the data directory already holds a database.
   */
  loadDataDir?: Blob | undefined;
  /**
   * PGlite only: an embedded database that is already open (tests lease one from a pool, see
   * `leaseTestPglite` in `@orbit/db/testing`) instead of opening `dataDir`; `close()` hands it back with
   * `release` instead of closing it. Ignored when `url` is set.
   */
  pglite?: PgliteLease | undefined;
}

/** An open embedded database lent to one user at a time; `release` hands it back (see `openDatabase`). */
export interface PgliteLease {
  client: PGlite;
  release(): Promise<void>;
}

export interface DatabaseHandle<TSchema extends Record<string, unknown>> {
  db: Database<TSchema>;
  kind: 'pglite' | 'postgres';
  /** Round-trips a trivial query; throws when the database is unreachable. */
  ping(): Promise<void>;
  /** PGlite only: the whole data directory as an uncompressed tarball (for `loadDataDir`). */
  dumpDataDir?: () => Promise<Blob>;
  /** Subscribes to `NOTIFY`s on a channel (see `Listen`); `close()` ends every subscription. */
  listen: Listen;
  close(): Promise<void>;
}

/**
 * Calls `onNotify` with the payload of each `NOTIFY channel` (`pg_notify`) once it commits, from this process
 * or any other on the same database. `onConnect` runs once the subscription is in place, and on PostgreSQL again
 * after each reconnection: notifications sent while the connection was down are lost, so a cache built on them
 * must start again there. Answers the unsubscribe.
 */
export type Listen = (
  channel: string,
  onNotify: (payload: string) => void,
  onConnect?: () => void,
) => Promise<() => Promise<void>>;

/**
 * Opens the database an app runs on: embedded PGlite when no URL is given (one process only, its own data
 * folder), else Postgres through the `postgres` driver with a pool. The same schema and migrations serve both.
 *
 * @example
 * const { db, close } = await openDatabase({ url: config.databaseUrl, dataDir: '.orbit/identity', schema });
 */
export async function openDatabase<TSchema extends Record<string, unknown>>(
  options: OpenDatabaseOptions<TSchema>,
): Promise<DatabaseHandle<TSchema>> {
  if (options.url) {
    const client = connectPostgres(options.url, {
      max: options.poolSize ?? 10,
      onnotice: () => {},
      connection: { application_name: 'orbit' },
    });
    const db = drizzlePostgres({ client, schema: options.schema }) as unknown as Database<TSchema>;
    return {
      db,
      kind: 'postgres',
      ping: async () => {
        await db.execute(sql`select 1`);
      },
      // The driver keeps one extra connection for every channel, and listens again after reconnecting.
      listen: async (channel, onNotify, onConnect) => {
        const { unlisten } = await client.listen(channel, onNotify, onConnect);
        return unlisten;
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  if (options.pglite) return pgliteHandle(options.pglite.client, options.schema, options.pglite.release);
  const inMemory = options.dataDir === 'memory://';
  let unlock = async () => {};
  if (!inMemory) {
    await mkdir(options.dataDir, { recursive: true });
    unlock = await lockDataDir(options.dataDir);
  }
  // An in-memory database (tests) without a dump to start from starts as a copy of an empty cluster, made once
  // and kept in the temporary folder: loading it takes about 0.4 s, initdb about 1.5 s (in memory) or 4.5 s (on
  // disk). A new data folder does the same in test runs only (`EMPTY_CLUSTER_VARIABLE`): a server's first start
  // does not trust a file in the shared temporary folder.
  const isNew = !inMemory && !existsSync(join(options.dataDir, 'PG_VERSION'));
  const loadDataDir = inMemory
    ? (options.loadDataDir ?? (await emptyCluster()))
    : isNew
      ? (options.loadDataDir ??
        (process.env[EMPTY_CLUSTER_VARIABLE] === '1' ? await emptyCluster() : undefined))
      : undefined;
  // One options object: PGlite's constructor ignores its second argument when the first is not a string, which
  // dropped `loadDataDir` for in-memory databases (each ran initdb and every migration instead).
  const client = new PGlite({
    ...(inMemory ? { startParams: [...IN_MEMORY_START_PARAMS] } : { dataDir: options.dataDir }),
    ...(loadDataDir ? { loadDataDir } : {}),
  });
  try {
    await client.waitReady;
  } catch (error) {
    await unlock();
    throw error;
  }
  return pgliteHandle(client, options.schema, async () => {
    await client.close();
    await unlock();
  });
}

/**
 * Set to `1` by the test configuration (`vitest.shared.ts`) only: a new on-disk data folder starts from the
 * cached empty cluster, as in-memory databases always do, instead of running initdb.
 */
export const EMPTY_CLUSTER_VARIABLE = 'ORBIT_TEST_PGLITE_EMPTY_CLUSTER';

/** A just-initialised, empty PGlite cluster, dumped (see `pgliteTemplate`). */
function emptyCluster(): Promise<Blob> {
  return pgliteTemplate('empty-cluster', async () => {
    // One-megabyte WAL segments instead of sixteen: the segment initdb leaves is most of an empty cluster's dump
    // (16 of 40 MB), and every database started from it copies the whole dump twice.
    const client = new PGlite({ initDbStartParams: ['--wal-segsize=1'] });
    try {
      await client.waitReady;
      return await client.dumpDataDir('none');
    } finally {
      await client.close();
    }
  });
}

function pgliteHandle<TSchema extends Record<string, unknown>>(
  client: PGlite,
  schema: TSchema,
  close: () => Promise<void>,
): DatabaseHandle<TSchema> {
  const db = drizzlePglite({ client, schema }) as unknown as Database<TSchema>;
  let closing: Promise<void> | undefined;
  // Ended on close: a leased instance outlives this handle, and its next user must not call our listeners.
  const subscriptions = new Set<() => Promise<void>>();
  return {
    db,
    kind: 'pglite',
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    dumpDataDir: () => client.dumpDataDir('none'),
    listen: async (channel, onNotify, onConnect) => {
      const unlisten = await client.listen(channel, onNotify);
      const end = async () => {
        if (subscriptions.delete(end)) await unlisten();
      };
      subscriptions.add(end);
      onConnect?.();
      return end;
    },
    close: () => {
      closing ??= (async () => {
        for (const end of [...subscriptions]) await end();
        await close();
      })();
      return closing;
    },
  };
}
