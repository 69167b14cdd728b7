import type { Database, DatabaseHandle, PgliteLease } from '@orbit/db';
import { hashFolders, leaseTestPglite, pgliteTemplate } from '@orbit/db/testing';
import { migrationsFolder, openServiceDatabase } from '@orbit/sdk/server';
import type { Config } from '../config.js';
import { backfillSearch } from '../mail/search.js';
import { manifest } from '../manifest.js';
import { type MailSchema, mailSchema } from './schema.js';

/** Mail's committed SQL migrations (`apps/mail/drizzle`), from `src/db` and `dist/db` alike. */
export const MIGRATIONS_FOLDER = migrationsFolder(import.meta.url, '../../drizzle');

export type MailDb = Database<MailSchema>;

export interface MigrationLog {
  info(details: { applied: string[] } | { indexed: number }, message: string): void;
}

/**
 * Opens Mail's database (embedded PGlite in `<ORBIT_DATA_DIR>/mail`, or PostgreSQL with `DATABASE_URL`) and
 * applies Mail's migrations, once, under the `mail` advisory lock (`openServiceDatabase`), then writes the search
 * document of any copy without one (`backfillSearch`).
 *
 * @example
 * const { db, close } = await openMailDatabase(loadConfig(), logger);
 */
export async function openMailDatabase(
  config: Pick<Config, 'databaseUrl' | 'pgliteDir'>,
  logger?: MigrationLog,
  options: { loadDataDir?: Blob | undefined; pglite?: PgliteLease | undefined } = {},
): Promise<DatabaseHandle<MailSchema>> {
  const handle = await openServiceDatabase({
    id: manifest.id,
    config,
    schema: mailSchema,
    migrations: MIGRATIONS_FOLDER,
    logger,
    loadDataDir: options.loadDataDir,
    pglite: options.pglite,
  });
  try {
    // Copies from before search documents existed (or after a migration reset them) get theirs now.
    await backfillSearch(handle.db, logger);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

/** The database or an open transaction on it: what domain queries run on. */
export type Queryable = Pick<
  MailDb,
  'select' | 'selectDistinct' | 'insert' | 'update' | 'delete' | 'execute'
>;

/** A migrated embedded Mail database, dumped once per set of migrations, for tests to start from. */
export async function mailDatabaseTemplate(): Promise<Blob> {
  return pgliteTemplate(`mail-${await hashFolders(MIGRATIONS_FOLDER)}`, async () => {
    const handle = await openMailDatabase({ databaseUrl: undefined, pgliteDir: 'memory://' });
    try {
      return await handle.dumpDataDir!();
    } finally {
      await handle.close();
    }
  });
}

/** A migrated embedded Mail database for one test, from this process's pool (`leaseTestPglite`). */
export function leaseMailDatabase(): Promise<PgliteLease> {
  return leaseTestPglite('mail', mailDatabaseTemplate);
}
