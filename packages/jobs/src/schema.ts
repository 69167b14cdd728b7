import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgSchema,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** The job queue lives in its own `jobs` schema, migrated by `migrateJobs()` (app `jobs`). */
export const jobsSchema = pgSchema('jobs');

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const jobStates = ['pending', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof jobStates)[number];

export const jobs = jobsSchema.table(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Which handler runs it: `oidc.backchannel-logout`, `membership.changed`, … */
    queue: text('queue').notNull(),
    /** The handler's input; JSON. */
    payload: jsonb('payload').notNull(),
    state: text('state', { enum: jobStates }).notNull().default('pending'),
    /** Not run before this time; also the order jobs are claimed in. */
    runAt: timestamptz('run_at').notNull(),
    /** Claims so far (a claim counts whether the run then succeeds, throws or its worker dies). */
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    lastError: text('last_error'),
    /** The worker holding the job while it runs; completion only applies while this still matches. */
    lockedBy: text('locked_by'),
    /** End of the running worker's lease; after it, another worker may claim the job again. */
    lockedUntil: timestamptz('locked_until'),
    /** Enqueuing a second job with the same key on the same queue is a no-op. */
    dedupeKey: text('dedupe_key'),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
    finishedAt: timestamptz('finished_at'),
  },
  (t) => [
    index('jobs_queue_state_run_at_idx').on(t.queue, t.state, t.runAt),
    uniqueIndex('jobs_queue_dedupe_key_key').on(t.queue, t.dedupeKey).where(sql`dedupe_key is not null`),
    check('jobs_state_check', sql`state in ('pending', 'running', 'done', 'failed', 'cancelled')`),
    check('jobs_attempts_check', sql`attempts >= 0 and max_attempts >= 1`),
  ],
);

export type JobRow = typeof jobs.$inferSelect;

/** The Drizzle schema object of this package, for `openDatabase({ schema })` where it is wanted. */
export const jobsTables = { jobs };
