import type { Database, DatabaseHandle } from '@orbit/db';
import { migrationsFolder, openServiceDatabase as openDatabase } from '@orbit/sdk/server';
import { manifest } from './manifest.js';
import { type Tables, tables } from './schema.js';

/** The committed SQL migrations (drizzle/), from src/ and dist/ alike. */
export const MIGRATIONS_FOLDER = migrationsFolder(import.meta.url);

export type ServiceDb = Database<Tables>;

/**
 * Opens the service's database — embedded PGlite in `dataDir`, or PostgreSQL at `url` — and applies its
 * migrations, once, under an advisory lock named after the service.
 */
export function openServiceDatabase(options: {
  url: string | undefined;
  dataDir: string;
  logger?: Parameters<typeof openDatabase>[0]['logger'];
}): Promise<DatabaseHandle<Tables> & { applied: string[] }> {
  return openDatabase({
    id: manifest.id,
    config: { databaseUrl: options.url, pgliteDir: options.dataDir },
    schema: tables,
    migrations: MIGRATIONS_FOLDER,
    logger: options.logger,
  });
}
