import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './open.js';
import { rowsOf } from './rows.js';
import { leaseTestPglite } from './testing.js';

/** A template with seed rows, an identity column, a generated column, a sequence and a foreign key. */
async function makeTemplate(): Promise<Blob> {
  const source = await openDatabase({ dataDir: 'memory://', schema: {} });
  try {
    await source.db.execute(sql`create schema shop`);
    await source.db.execute(sql`create table shop.tiers (id int generated always as identity primary key,
      name text not null, upper_name text generated always as (upper(name)) stored)`);
    await source.db.execute(sql`insert into shop.tiers (name) values ('vip'), ('svip')`);
    await source.db.execute(sql`create table shop.orders (id serial primary key,
      tier_id int references shop.tiers (id), note text)`);
    await source.db.execute(sql`create sequence shop.numbers start 100`);
    await source.db.execute(sql`select nextval('shop.numbers')`);
    return (await source.dumpDataDir?.()) as Blob;
  } finally {
    await source.close();
  }
}

/** Made once: each embedded database costs seconds, which a loaded machine stretches past the timeout. */
let made: Promise<Blob> | undefined;
const template = (): Promise<Blob> => {
  made ??= makeTemplate();
  return made;
};

describe('leaseTestPglite', () => {
  it('hands the same instance out again, reset to exactly what the template held', async () => {
    const key = `lease-test-${process.pid}`;
    const first = await leaseTestPglite(key, template);
    const a = await openDatabase({ dataDir: 'memory://', schema: {}, pglite: first });
    await a.db.execute(sql`insert into shop.tiers (name) values ('plus')`);
    await a.db.execute(sql`delete from shop.tiers where name = 'vip'`);
    await a.db.execute(sql`insert into shop.orders (tier_id, note) values (2, 'kept?')`);
    await a.db.execute(sql`select nextval('shop.numbers'), nextval('shop.numbers')`);
    await a.db.execute(sql`select pg_advisory_lock(42)`);
    await a.db.execute(sql`set statement_timeout = '1s'`);
    await a.close();
    await a.close(); // a second close hands nothing back twice

    const second = await leaseTestPglite(key, template);
    expect(second.client).toBe(first.client);
    // Leased instances are in memory: the small buffer pool of IN_MEMORY_START_PARAMS.
    expect((await second.client.query('show shared_buffers')).rows).toEqual([{ shared_buffers: '16MB' }]);
    const b = await openDatabase({ dataDir: 'memory://', schema: {}, pglite: second });
    try {
      const tiers = rowsOf<{ id: number; name: string; upper_name: string }>(
        await b.db.execute(sql`select id, name, upper_name from shop.tiers order by id`),
      );
      expect(tiers).toEqual([
        { id: 1, name: 'vip', upper_name: 'VIP' },
        { id: 2, name: 'svip', upper_name: 'SVIP' },
      ]);
      expect(rowsOf(await b.db.execute(sql`select * from shop.orders`))).toEqual([]);
      // Identity and serial columns and a free-standing sequence go on as in a database fresh from the template.
      const next = async (db: typeof b.db) => {
        await db.execute(sql`insert into shop.tiers (name) values ('plus')`);
        await db.execute(sql`insert into shop.orders (tier_id) values (1)`);
        return rowsOf(
          await db.execute(sql`select (select max(id) from shop.tiers) as tier,
            (select max(id) from shop.orders) as order, nextval('shop.numbers')::text as n`),
        );
      };
      const fresh = await openDatabase({ dataDir: 'memory://', schema: {}, loadDataDir: await template() });
      try {
        expect(await next(b.db)).toEqual(await next(fresh.db));
      } finally {
        await fresh.close();
      }
      // The first lease's session lock and setting are gone.
      const state = rowsOf<{ locked: boolean; timeout: string }>(
        await b.db.execute(
          sql`select pg_try_advisory_lock(42) as locked, current_setting('statement_timeout') as timeout`,
        ),
      );
      expect(state).toEqual([{ locked: true, timeout: '0' }]);
      // A second lease while one is out is another instance.
      const third = await leaseTestPglite(key, template);
      expect(third.client).not.toBe(second.client);
      await third.release();
    } finally {
      await b.close();
    }
  });
});
