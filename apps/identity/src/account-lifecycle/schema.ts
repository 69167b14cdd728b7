import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { identity } from '../db/schema.js';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const deletionRequesters = ['self', 'admin'] as const;

/**
 * Account deletions (docs/data-rights.md, "Deletion"): one row from the owner's request (`deleted_at` null while
 * the grace period runs; signing in deletes the row) or an admin's deletion, kept after the account is gone — by
 * id and number, without a foreign key — so the services' acknowledgements have something to belong to.
 */
export const accountDeletions = identity.table(
  'account_deletions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The account's id: the `sub` every service knows it by. */
    accountId: uuid('account_id').notNull(),
    accountNumber: bigint('account_number', { mode: 'number' }).notNull(),
    by: text('by', { enum: deletionRequesters }).notNull(),
    requestedAt: timestamptz('requested_at').notNull(),
    /** When the account is deleted (the request's time for an admin's deletion). */
    scheduledFor: timestamptz('scheduled_for').notNull(),
    deletedAt: timestamptz('deleted_at'),
    /**
     * The subscriptions whose auto-renew the request turned off (nothing is charged during the grace period):
     * turned back on when a sign-in cancels the deletion.
     */
    pausedRenewals: uuid('paused_renewals').array().notNull().default(sql`'{}'::uuid[]`),
  },
  (t) => [
    // One pending deletion per account.
    uniqueIndex('account_deletions_pending_key').on(t.accountId).where(sql`${t.deletedAt} is null`),
    index('account_deletions_due_idx').on(t.scheduledFor).where(sql`${t.deletedAt} is null`),
    index('account_deletions_deleted_idx').on(t.deletedAt),
    check('account_deletions_by_check', sql`${t.by} in ('self', 'admin')`),
  ],
);

/** Each registered service's acknowledgement of one deletion (`account.deleted` answered with 2xx). */
export const accountDeletionAcks = identity.table(
  'account_deletion_acks',
  {
    deletionId: uuid('deletion_id')
      .notNull()
      .references(() => accountDeletions.id, { onDelete: 'cascade' }),
    serviceId: text('service_id').notNull(),
    acknowledgedAt: timestamptz('acknowledged_at'),
    attempts: integer('attempts').notNull().default(0),
    lastAttemptAt: timestamptz('last_attempt_at'),
    lastError: text('last_error'),
  },
  (t) => [
    primaryKey({ columns: [t.deletionId, t.serviceId] }),
    index('account_deletion_acks_pending_idx').on(t.deletionId).where(sql`${t.acknowledgedAt} is null`),
  ],
);

export type AccountDeletionRow = typeof accountDeletions.$inferSelect;
export type AccountDeletionAckRow = typeof accountDeletionAcks.$inferSelect;

export const accountLifecycleSchema = { accountDeletions, accountDeletionAcks };
