import type { Database } from '@orbit/db';
import type { IdentitySchema } from '../schema.js';

/** The hub's database, every module's tables on it (schema.ts). */
export type IdentityDb = Database<IdentitySchema>;
/** A database or an open transaction on it. */
export type Queryable = Pick<IdentityDb, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;
