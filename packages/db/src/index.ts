export { connectPostgres } from './connect.js';
export { uniqueViolation } from './errors.js';
export {
  GenerateError,
  type GenerateOptions,
  type GenerateResult,
  generateMigration,
  MIGRATION_NAME_PATTERN,
} from './generate.js';
export { DataDirInUseError } from './lock.js';
export { type MigrateOptions, MigrationError, type MigrationResult, migrate } from './migrate.js';
export {
  type Database,
  type DatabaseHandle,
  type Listen,
  type OpenDatabaseOptions,
  openDatabase,
  type PgliteLease,
} from './open.js';
export { rowsOf } from './rows.js';
