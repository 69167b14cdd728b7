import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rowsOf } from '@orbit/db';
import { createTestDatabase } from '@orbit/db/testing';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, openMailDatabase } from './open.js';

async function committedMigrations(): Promise<string[]> {
  const journal = JSON.parse(await readFile(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  return journal.entries.map((e) => e.tag);
}

describe('opening the mail database', () => {
  it('creates the mail schema on first start and finds it up to date on the next', async () => {
    const testDb = await createTestDatabase();
    // PGlite in memory forgets everything on close; a folder survives a restart like the real data folder.
    const folder = testDb.url ? undefined : await mkdtemp(join(tmpdir(), 'orbit-mail-'));
    const config = { databaseUrl: testDb.url, pgliteDir: folder ?? testDb.dataDir };
    const logged: string[][] = [];
    const logger = { info: ({ applied }: { applied: string[] }) => logged.push(applied) };
    try {
      const first = await openMailDatabase(config, logger);
      const tables = rowsOf<{ name: string }>(
        await first.db.execute(
          sql`select table_name as name from information_schema.tables where table_schema = 'mail' order by 1`,
        ),
      );
      await first.close();
      expect(tables.map((t) => t.name)).toEqual(
        expect.arrayContaining([
          'attachments',
          'idempotency_keys',
          'message_attachments',
          'messages',
          'send_counts',
        ]),
      );
      const second = await openMailDatabase(config, logger);
      await second.close();
      expect(logged).toEqual([await committedMigrations(), []]);
      expect(logged[0]?.[0]).toBe('0000_init');
    } finally {
      await testDb.drop();
      if (folder) await rm(folder, { recursive: true, force: true });
    }
  });
});
