import { fileURLToPath } from 'node:url';
import { type Database, type DatabaseHandle, migrate, openDatabase } from '@orbit/db';
import { manifest } from './manifest.js';
import { type Tables, tables } from './schema.js';

/** The committed SQL migrations (drizzle/), from src/ and dist/ alike. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

export type ServiceDb = Database<Tables>;

/**
 * Opens the service's database — embedded PGlite in `dataDir`, or PostgreSQL at `url` — and applies its
 * migrations, once, under an advisory lock named after the service.
 */
export async function openServiceDatabase(options: {
  url: string | undefined;
  dataDir: string;
}): Promise<DatabaseHandle<Tables> & { applied: string[] }> {
  const handle = await openDatabase({ url: options.url, dataDir: options.dataDir, schema: tables });
  try {
    const { applied } = await migrate(handle.db, { app: manifest.id, folder: MIGRATIONS_FOLDER });
    return { ...handle, applied };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
