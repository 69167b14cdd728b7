import { fileURLToPath } from 'node:url';
import { type Database, type MigrationResult, migrate } from '@orbit/db';

/** This package's drizzle-kit migrations, next to `dist/` (and `src/`). */
export const JOBS_MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

/** Creates or updates the `jobs` schema (tracked as app `jobs`); safe when several instances start together. */
export function migrateJobs(db: Database<Record<string, unknown>>): Promise<MigrationResult> {
  return migrate(db, { app: 'jobs', folder: JOBS_MIGRATIONS_FOLDER });
}
