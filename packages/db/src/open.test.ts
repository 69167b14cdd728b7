import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './open.js';
import { rowsOf } from './rows.js';

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
    } finally {
      await copy.close();
    }
  });
});
