import { type OrbitSessionsTable, orbitSessions } from '@orbit/sdk';
import { index, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Everything this service keeps lives in its own Postgres schema; it never reads the hub's tables. After a
 * change here, `npm run db:generate -- --name what_changed` writes the migration into drizzle/ (it never
 * prompts: a possible rename fails with what to do), which is applied at start.
 */
export const schema = pgSchema('__SERVICE_SCHEMA__');

/** The SDK's service sessions (sign-in through the hub), in this service's schema. */
export const sessions: OrbitSessionsTable = orbitSessions(schema);

/** The service's own data: notes, each owned by one account, keyed by its `sub` (never by handle). */
export const notes = schema.table(
  'notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerSub: text('owner_sub').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('notes_owner_created_idx').on(t.ownerSub, t.createdAt)],
);

/** The tables, for the database handle's relational queries. */
export type Tables = { sessions: OrbitSessionsTable; notes: typeof notes };
export const tables: Tables = { sessions, notes };
