import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase, rowsOf } from '@orbit/db';
import { createTestDatabase } from '@orbit/db/testing';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../server.js';

/** The hub's migrations up to (not including) `idx`, in a folder of their own. */
async function migrationsBefore(idx: number): Promise<string> {
  const journal = JSON.parse(await readFile(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  const entries = journal.entries.filter((e) => e.idx < idx);
  const folder = await mkdtemp(join(tmpdir(), 'orbit-identity-migrations-'));
  await mkdir(join(folder, 'meta'));
  await writeFile(join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const entry of entries) {
    await copyFile(join(MIGRATIONS_FOLDER, `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`));
  }
  return folder;
}

describe('migration 0018 (who set each perk of a tier)', () => {
  it('counts an untouched default tier’s perks as the manifest’s and an edited tier’s as the admin’s', async () => {
    const database = await createTestDatabase();
    const handle = await openDatabase({ url: database.url, dataDir: database.dataDir, schema: {} });
    try {
      await migrate(handle.db, { app: 'identity', folder: await migrationsBefore(18) });
      const tier = (id: string, perks: object, updatedAt: string) =>
        handle.db.execute(sql`insert into membership.tiers
          (id, name, names, description, descriptions, color, scope, rank, perks, created_at, updated_at)
          values (${id}, ${id}, '{}', ${id}, '{}', '#e0a100', 'platform', 1, ${JSON.stringify(perks)}::jsonb,
            '2026-01-01T00:00:00Z', ${updatedAt})`);
      await tier('vip', { 'mail.quota_mb': 10240, 'mail.attachment_mb': 50 }, '2026-01-01T00:00:00Z');
      await tier('svip', { 'mail.quota_mb': 99999 }, '2026-02-01T00:00:00Z');
      await tier('gold', {}, '2026-01-01T00:00:00Z');

      await migrate(handle.db, { app: 'identity', folder: MIGRATIONS_FOLDER });
      const rows = rowsOf<{ id: string; perk_sources: Record<string, string> | string }>(
        await handle.db.execute(sql`select id, perk_sources from membership.tiers order by id`),
      );
      const sources = Object.fromEntries(
        rows.map((r) => [
          r.id,
          typeof r.perk_sources === 'string' ? JSON.parse(r.perk_sources) : r.perk_sources,
        ]),
      );
      expect(sources).toEqual({
        gold: {},
        svip: { 'mail.quota_mb': 'admin' },
        vip: { 'mail.quota_mb': 'manifest', 'mail.attachment_mb': 'manifest' },
      });
    } finally {
      await handle.close();
      await database.drop();
    }
  });
});
