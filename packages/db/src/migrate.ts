import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from './open.js';
import { rowsOf } from './rows.js';

export interface MigrateOptions {
  /** The app that owns these migrations (`identity`, `mail`, …); also names its advisory lock. */
  app: string;
  /** The folder drizzle-kit generates into: `<tag>.sql` files and `meta/_journal.json`. */
  folder: string;
}

export interface MigrationResult {
  /** Tags applied by this call, in order; empty when the database was already up to date. */
  applied: string[];
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

interface Journal {
  entries: { idx: number; tag: string }[];
}

interface Migration {
  tag: string;
  hash: string;
  statements: string[];
}

async function readMigrations(folder: string): Promise<Migration[]> {
  const journal = JSON.parse(await readFile(join(folder, 'meta', '_journal.json'), 'utf8')) as Journal;
  const entries = [...journal.entries].sort((a, b) => a.idx - b.idx);
  return Promise.all(
    entries.map(async ({ tag }) => {
      const text = await readFile(join(folder, `${tag}.sql`), 'utf8');
      return {
        tag,
        hash: createHash('sha256').update(text).digest('hex'),
        statements: text
          .split('--> statement-breakpoint')
          .map((s) => s.trim())
          .filter(Boolean),
      };
    }),
  );
}

/**
 * Applies an app's committed SQL migrations, all in one transaction under a transaction-scoped advisory lock,
 * so instances starting together apply each migration exactly once: the second waits for the lock, then finds
 * nothing left to do. A migration already applied whose file has since changed is refused rather than
 * silently skipped.
 */
export async function migrate(
  db: Database<Record<string, unknown>>,
  options: MigrateOptions,
): Promise<MigrationResult> {
  const migrations = await readMigrations(options.folder);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`orbit:migrations:${options.app}`}))`);
    await tx.execute(sql`
      create table if not exists public.orbit_migrations (
        app text not null,
        tag text not null,
        hash text not null,
        applied_at timestamptz not null default now(),
        primary key (app, tag)
      )`);
    const done = rowsOf<{ tag: string; hash: string }>(
      await tx.execute(sql`select tag, hash from public.orbit_migrations where app = ${options.app}`),
    );
    const doneByTag = new Map(done.map((row) => [row.tag, row.hash]));
    const applied: string[] = [];
    for (const migration of migrations) {
      const previous = doneByTag.get(migration.tag);
      if (previous !== undefined) {
        if (previous !== migration.hash) {
          throw new MigrationError(
            `Migration ${options.app}/${migration.tag} was applied but its file has changed since; ` +
              'write a new migration instead of editing an applied one.',
          );
        }
        continue;
      }
      for (const statement of migration.statements) await tx.execute(sql.raw(statement));
      await tx.execute(
        sql`insert into public.orbit_migrations (app, tag, hash) values (${options.app}, ${migration.tag}, ${migration.hash})`,
      );
      applied.push(migration.tag);
    }
    return { applied };
  });
}
