import { DATA_EXPORT_STATUSES } from '@orbit/contracts';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts, bytea } from '../db/schema.js';

/** Data exports (issue 19, point 5): each account's export requests and the archives built for them. */
export const dataExportSchemaName = pgSchema('data_export');

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A service whose part is not in the archive, and why. */
export interface MissingService {
  id: string;
  name: string;
  reason: string;
}

/**
 * One export an account asked for: its build's progress (steps: the hub, then each service), and once ready the
 * archive's size, when it goes, and the hash of the one live download link's token.
 */
export const dataExports = dataExportSchemaName.table(
  'exports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references((): AnyPgColumn => accounts.id, { onDelete: 'cascade' }),
    status: text('status', { enum: DATA_EXPORT_STATUSES }).notNull(),
    /** The queue's job that builds it: a build whose job ended without finishing it has failed. */
    jobId: uuid('job_id'),
    createdAt: timestamptz('created_at').notNull(),
    startedAt: timestamptz('started_at'),
    stepsDone: integer('steps_done').notNull().default(0),
    stepsTotal: integer('steps_total').notNull().default(0),
    /** The step under way: `hub`, or a service's name. */
    step: text('step'),
    readyAt: timestamptz('ready_at'),
    expiresAt: timestamptz('expires_at'),
    failedAt: timestamptz('failed_at'),
    /** Why the build failed, for the operator's eyes (the portal says only that it failed). */
    error: text('error'),
    bytes: bigint('bytes', { mode: 'number' }),
    missing: jsonb('missing').$type<MissingService[]>().notNull().default([]),
    /** SHA-256 (hex) of the download link's token; a new link replaces it. */
    linkHash: text('link_hash'),
  },
  (t) => [
    index('exports_account_idx').on(t.accountId, t.createdAt.desc()),
    // One build at a time per account, whatever two requests race.
    uniqueIndex('exports_one_building').on(t.accountId).where(sql`${t.status} in ('queued', 'building')`),
    index('exports_expires_idx').on(t.expiresAt).where(sql`${t.status} = 'ready'`),
    check('exports_status_check', sql`${t.status} in ('queued', 'building', 'ready', 'failed', 'expired')`),
  ],
);

/**
 * An archive's bytes, in order, a few MiB a row: any hub instance streams a download from PostgreSQL without
 * holding the whole archive, and no value nears `bytea`'s 1 GB limit.
 */
export const archiveChunks = dataExportSchemaName.table(
  'archive_chunks',
  {
    exportId: uuid('export_id')
      .notNull()
      .references((): AnyPgColumn => dataExports.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.exportId, t.seq] })],
);

export type DataExportRow = typeof dataExports.$inferSelect;

export const dataExportSchema = { dataExports, archiveChunks };
