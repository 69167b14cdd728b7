import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { type Database, EMPTY_CLUSTER_VARIABLE, openDatabase } from './open.js';
import { rowsOf } from './rows.js';
import { createTestDatabase } from './testing.js';

async function setting(db: Database, name: string): Promise<string | undefined> {
  const rows = rowsOf<{ value: string }>(await db.execute(sql`select current_setting(${name}) as value`));
  return rows[0]?.value;
}

describe('openDatabase (PGlite)', () => {
  it('starts an in-memory database from a dump, skipping initdb', async () => {
    const source = await openDatabase({ dataDir: 'memory://', schema: {} });
    await source.db.execute(sql`create table kept (id int primary key)`);
    await source.db.execute(sql`insert into kept values (7)`);
    const dump = await source.dumpDataDir?.();
    await source.close();
    expect(dump).toBeDefined();

    const copy = await openDatabase({ dataDir: 'memory://', schema: {}, loadDataDir: dump });
    try {
      const rows = rowsOf<{ id: number }>(await copy.db.execute(sql`select id from kept`));
      expect(rows.map((r) => r.id)).toEqual([7]);
      // Its files are in memory already: a small buffer pool (IN_MEMORY_START_PARAMS), PGlite's settings kept.
      expect(await setting(copy.db, 'shared_buffers')).toBe('16MB');
      expect(await setting(copy.db, 'max_worker_processes')).toBe('0');
      // Started from the cached empty cluster, made with one-megabyte WAL segments.
      expect(await setting(copy.db, 'wal_segment_size')).toBe('1MB');
    } finally {
      await copy.close();
    }
  });

  it('starts a new data folder as a working cluster that keeps its data across a restart (test runs load the cached empty cluster)', async () => {
    expect(process.env[EMPTY_CLUSTER_VARIABLE]).toBe('1');
    const dir = await mkdtemp(join(tmpdir(), 'orbit-db-open-'));
    try {
      const first = await openDatabase({ dataDir: join(dir, 'data'), schema: {} });
      await first.db.execute(sql`create table kept (id int primary key)`);
      await first.db.execute(sql`insert into kept values (8)`);
      await first.close();
      expect(existsSync(join(dir, 'data', 'PG_VERSION'))).toBe(true);

      const again = await openDatabase({ dataDir: join(dir, 'data'), schema: {} });
      try {
        const rows = rowsOf<{ id: number }>(await again.db.execute(sql`select id from kept`));
        expect(rows.map((r) => r.id)).toEqual([8]);
        // A database on disk keeps PostgreSQL's own buffer pool; only in-memory ones get a small one.
        expect(await setting(again.db, 'shared_buffers')).toBe('128MB');
      } finally {
        await again.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('openDatabase listen', () => {
  it('delivers committed notifications from any connection, and none after unsubscribing', async () => {
    const testDb = await createTestDatabase();
    const handle = await openDatabase({ url: testDb.url, dataDir: testDb.dataDir, schema: {} });
    const other = testDb.url ? await openDatabase({ url: testDb.url, dataDir: '', schema: {} }) : handle;
    try {
      const got: string[] = [];
      let connected = 0;
      const stop = await handle.listen(
        'orbit_test_channel',
        (payload) => got.push(payload),
        () => connected++,
      );
      expect(connected).toBe(1);
      await other.db.execute(sql`select pg_notify('orbit_test_channel', 'one')`);
      // Inside a transaction: nothing until it commits, and nothing at all when it rolls back.
      await other.db
        .transaction(async (tx) => {
          await tx.execute(sql`select pg_notify('orbit_test_channel', 'rolled back')`);
          throw new Error('roll back');
        })
        .catch(() => {});
      await other.db.execute(sql`select pg_notify('orbit_test_channel', 'two')`);
      await vi.waitFor(() => expect(got).toEqual(['one', 'two']));

      await stop();
      await other.db.execute(sql`select pg_notify('orbit_test_channel', 'three')`);
      await handle.ping(); // a round trip after the notify, for any late delivery to arrive
      expect(got).toEqual(['one', 'two']);
    } finally {
      if (other !== handle) await other.close();
      await handle.close();
      await testDb.drop();
    }
  });
});
