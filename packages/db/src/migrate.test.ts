import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MigrationError, migrate, openDatabase, rowsOf } from './index.js';
import { createTestDatabase, type TestDatabase } from './testing.js';

async function writeMigrations(files: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'orbit-migrations-'));
  await mkdir(join(folder, 'meta'));
  const entries = Object.keys(files).map((tag, idx) => ({ idx, tag, when: idx, breakpoints: true }));
  await writeFile(join(folder, 'meta', '_journal.json'), JSON.stringify({ version: '7', entries }));
  for (const [tag, text] of Object.entries(files)) await writeFile(join(folder, `${tag}.sql`), text);
  return folder;
}

const first = `CREATE SCHEMA "sample";\n--> statement-breakpoint\nCREATE TABLE "sample"."things" ("id" integer PRIMARY KEY);`;
const second = `ALTER TABLE "sample"."things" ADD COLUMN "name" text;`;

describe('migrate', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(async () => {
    await testDb.drop();
  });

  it('applies each migration once and records it', async () => {
    const folder = await writeMigrations({ '0000_init': first, '0001_name': second });
    const handle = await openDatabase({ url: testDb.url, dataDir: testDb.dataDir, schema: {} });
    try {
      expect(await migrate(handle.db, { app: 'sample', folder })).toEqual({
        applied: ['0000_init', '0001_name'],
      });
      expect(await migrate(handle.db, { app: 'sample', folder })).toEqual({ applied: [] });
      await handle.db.execute(sql`insert into sample.things (id, name) values (1, 'one')`);
      const rows = rowsOf<{ name: string }>(await handle.db.execute(sql`select name from sample.things`));
      expect(rows).toEqual([{ name: 'one' }]);
    } finally {
      await handle.close();
    }
  });

  it('refuses a migration whose file changed after it was applied', async () => {
    const handle = await openDatabase({ url: testDb.url, dataDir: testDb.dataDir, schema: {} });
    try {
      const folder = await writeMigrations({ '0000_edit': 'CREATE SCHEMA "edited";' });
      await migrate(handle.db, { app: 'edited', folder });
      await writeFile(join(folder, '0000_edit.sql'), 'CREATE SCHEMA "edited_again";');
      await expect(migrate(handle.db, { app: 'edited', folder })).rejects.toBeInstanceOf(MigrationError);
    } finally {
      await handle.close();
    }
  });

  it('rolls a failing migration back whole', async () => {
    const handle = await openDatabase({ url: testDb.url, dataDir: testDb.dataDir, schema: {} });
    try {
      const folder = await writeMigrations({
        '0000_broken': `CREATE SCHEMA "broken";\n--> statement-breakpoint\nCREATE TABLE "broken"."t" (x nonsense_type);`,
      });
      await expect(migrate(handle.db, { app: 'broken', folder })).rejects.toThrow();
      const schemas = rowsOf<{ n: number }>(
        await handle.db.execute(
          sql`select count(*)::int as n from information_schema.schemata where schema_name = 'broken'`,
        ),
      );
      expect(schemas[0]?.n).toBe(0);
    } finally {
      await handle.close();
    }
  });

  it.runIf(testDb_isPostgres())('applies migrations once when two instances start together', async () => {
    const folder = await writeMigrations({
      '0000_race': 'CREATE SCHEMA "race";\n--> statement-breakpoint\nCREATE TABLE "race"."t" (id int);',
    });
    const a = await openDatabase({ url: testDb.url, dataDir: testDb.dataDir, schema: {} });
    const b = await openDatabase({ url: testDb.url, dataDir: testDb.dataDir, schema: {} });
    try {
      const results = await Promise.all([
        migrate(a.db, { app: 'race', folder }),
        migrate(b.db, { app: 'race', folder }),
      ]);
      expect(results.map((r) => r.applied.length).sort()).toEqual([0, 1]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

function testDb_isPostgres(): boolean {
  return Boolean(process.env.ORBIT_TEST_DATABASE_URL);
}
