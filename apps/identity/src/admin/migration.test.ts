import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase, rowsOf } from '@orbit/db';
import { createTestDatabase } from '@orbit/db/testing';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../server.js';

interface JournalEntry {
  idx: number;
  tag: string;
}

/** The hub's migrations up to (not including) `idx`, in a folder of their own. */
async function migrationsBefore(idx: number): Promise<string> {
  const journal = JSON.parse(await readFile(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
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

describe('migration 0014 (roles and the audit log)', () => {
  it('makes every admin of accounts.role an admin in account_roles, and drops the column', async () => {
    const database = await createTestDatabase();
    const handle = await openDatabase({ url: database.url, dataDir: database.dataDir, schema: {} });
    try {
      await migrate(handle.db, { app: 'identity', folder: await migrationsBefore(14) });
      const insert = (handleText: string, number: number, role: string) =>
        handle.db.execute(sql`insert into identity.accounts
          (account_number, handle, display_name, password_hash, password_changed_at, created_at, updated_at, role)
          values (${number}, ${handleText}, ${handleText}, 'x', now(), '2025-01-02T03:04:05Z', now(), ${role})`);
      await insert('first', 10001, 'admin');
      await insert('second', 10002, 'admin');
      await insert('member', 10003, 'user');

      await migrate(handle.db, { app: 'identity', folder: MIGRATIONS_FOLDER });
      const roles = rowsOf<{
        handle: string;
        role: string;
        granted_by: string | null;
        granted_at: Date | string;
      }>(
        await handle.db.execute(sql`select a.handle, r.role, r.granted_by, r.granted_at
          from identity.account_roles r join identity.accounts a on a.id = r.account_id order by a.handle`),
      );
      expect(roles.map(({ handle, role, granted_by }) => ({ handle, role, granted_by }))).toEqual([
        { handle: 'first', role: 'admin', granted_by: null },
        { handle: 'second', role: 'admin', granted_by: null },
      ]);
      // Granted when the account was made: the best the old column can say.
      expect(new Date(roles[0]!.granted_at).toISOString()).toBe('2025-01-02T03:04:05.000Z');
      const columns = rowsOf<{ column_name: string }>(
        await handle.db.execute(sql`select column_name from information_schema.columns
          where table_schema = 'identity' and table_name = 'accounts' and column_name = 'role'`),
      );
      expect(columns).toEqual([]);
    } finally {
      await handle.close();
      await database.drop();
    }
  });
});
