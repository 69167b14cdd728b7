export { type Database, type DatabaseHandle, type OpenDatabaseOptions, openDatabase } from './open.js';
export { type MigrateOptions, type MigrationResult, MigrationError, migrate } from './migrate.js';
export { rowsOf } from './rows.js';
export { uniqueViolation } from './errors.js';
