import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database } from '@orbit/db';
import { and, asc, eq, gte, inArray, lt, lte, or, sql } from 'drizzle-orm';
import { type Backoff, exponentialBackoff } from './backoff.js';
import { describeError, isPermanent } from './errors.js';
import { type JobRow, jobs } from './schema.js';

/** Where time comes from: injected, so tests can move it. Every time the queue compares comes from here. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Any Orbit database; the queue only touches the `jobs` schema. */
export type JobsDb = Database<Record<string, unknown>>;

/** A database or an open transaction on it (what `enqueue({ tx })` accepts). */
export type Queryable = Pick<JobsDb, 'insert'>;

/** The subset of a pino logger the queue uses. */
export interface JobLogger {
  error(obj: object, msg?: string): void;
  warn?(obj: object, msg?: string): void;
  info?(obj: object, msg?: string): void;
}

/** A job as its handler sees it: the stored row, with `attempts` already counting this run. */
export type Job<P = unknown> = Omit<JobRow, 'payload'> & { payload: P };

export interface JobContext {
  /** The id this queue instance claims jobs under. */
  workerId: string;
  /**
   * Aborted when this worker learns it no longer holds the job (its lease ran out and another worker took it,
   * or it was cancelled): stop early, the outcome of this run will be discarded.
   */
  signal: AbortSignal;
}

/**
 * Runs one job. Return normally and the job is `done`; throw and it is retried with backoff (or `failed` when
 * out of attempts, or at once for a `PermanentJobError`). Jobs are delivered at least once: a handler must be
 * idempotent, since a worker that dies after the work but before recording it means the job runs again.
 */
export type JobHandler<P = unknown> = (job: Job<P>, context: JobContext) => Promise<void> | void;

export interface EnqueueOptions {
  /** Not run before this time. Default: now. */
  runAt?: Date | undefined;
  /** Runs allowed before the job ends `failed`. Default 10. */
  maxAttempts?: number | undefined;
  /** A job with the same key already on this queue (in any state, until pruned) makes this a no-op. */
  dedupeKey?: string | undefined;
  /** Enqueue inside this transaction, so the job exists exactly when the write that caused it commits. */
  tx?: Queryable | undefined;
}

export interface RunOptions {
  /**
   * How long a claimed job is reserved for its worker (default 60 s). A running job's lease is renewed every
   * third of it; when a worker dies, its jobs are claimed again once their lease has run out.
   */
  leaseMs?: number | undefined;
  /** Delay before a retry, from the attempts made so far. Default `exponentialBackoff`. */
  backoff?: Backoff | undefined;
}

export interface WorkOptions extends RunOptions {
  /** Jobs run at once by this worker. Default 1. */
  concurrency?: number | undefined;
  /**
   * Wait between polls when the queue had nothing more to do. Default 1000 ms. A due job enqueued through the
   * same queue object (this process) wakes the worker at once; the poll finds those other processes enqueue.
   */
  pollMs?: number | undefined;
}

export interface RunDueOptions extends RunOptions {
  /** Most jobs this pass runs. Default 1000. */
  limit?: number | undefined;
  /** Jobs claimed and run at once. Default 1. */
  concurrency?: number | undefined;
}

export interface Worker {
  /**
   * Stops claiming jobs and resolves once the handlers still running have finished — or, with `graceMs`, once
   * that long has passed: then each job still running is handed back (pending again at once, the attempt not
   * counted, so another worker takes it without waiting for the lease to run out) and its handler's signal is
   * aborted; whatever that run does afterwards is discarded.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
}

export interface JobQueue {
  /** The id this instance claims jobs under (`locked_by`). */
  readonly workerId: string;
  /** Adds a job; its id, or undefined when `dedupeKey` matched a job already there. */
  enqueue<P>(queue: string, payload: P, options?: EnqueueOptions): Promise<string | undefined>;
  /**
   * Cancels a pending or running job (a run in progress finishes, but its outcome is discarded and it is not
   * retried). False when the job is unknown or already finished.
   */
  cancel(id: string): Promise<boolean>;
  get<P = unknown>(id: string): Promise<Job<P> | undefined>;
  /** Works a queue in the background until `stop()`. Errors are logged, never thrown. */
  work<P = unknown>(queue: string, handler: JobHandler<P>, options?: WorkOptions): Worker;
  /** Claims and runs what is due now, until nothing is left (or `limit`); the number of jobs run. */
  runDue<P = unknown>(queue: string, handler: JobHandler<P>, options?: RunDueOptions): Promise<number>;
  /** Deletes `done` and `cancelled` jobs that finished before `olderThan`; the number deleted. */
  prune(options: { olderThan: Date; queue?: string | undefined }): Promise<number>;
}

export interface JobQueueOptions {
  db: JobsDb;
  clock?: Clock | undefined;
  /** Names this instance in `locked_by`. Default `<hostname>:<pid>:<random>`. */
  workerId?: string | undefined;
  logger?: JobLogger | undefined;
}

const DEFAULT_MAX_ATTEMPTS = 10;
const DEFAULT_LEASE_MS = 60_000;
const DEFAULT_POLL_MS = 1000;
const DEFAULT_RUN_DUE_LIMIT = 1000;
const FINAL_LEASE_EXPIRED =
  'The worker running the last attempt stopped answering (crashed or timed out) before its lease ran out.';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const noopLogger: JobLogger = { error: () => {} };

function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer`);
  return value;
}

function positiveMs(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number`);
  return value;
}

/**
 * A durable job queue on the `jobs` schema (run `migrateJobs` first). Several instances may work the same
 * queue against one Postgres: claiming uses `FOR UPDATE SKIP LOCKED`, so each job runs once at a time.
 *
 * @example
 * const jobs = createJobQueue({ db, logger });
 * await db.transaction(async (tx) => {
 *   await revokeSession(tx, sid);
 *   await jobs.enqueue('oidc.backchannel-logout', { clientId, sid }, { tx, dedupeKey: `${sid}:${clientId}` });
 * });
 * const worker = jobs.work('oidc.backchannel-logout', deliverLogout, { concurrency: 4 });
 * // on shutdown
 * await worker.stop();
 */
export function createJobQueue(options: JobQueueOptions): JobQueue {
  const { db } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? noopLogger;
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  async function claim(queue: string, limit: number, leaseMs: number): Promise<JobRow[]> {
    const now = clock.now();
    // A job whose worker died on its last attempt is failed rather than run once more than allowed.
    await db
      .update(jobs)
      .set({
        state: 'failed',
        lastError: FINAL_LEASE_EXPIRED,
        lockedBy: null,
        lockedUntil: null,
        finishedAt: now,
        updatedAt: now,
      })
      .where(
        and(
          eq(jobs.queue, queue),
          eq(jobs.state, 'running'),
          lt(jobs.lockedUntil, now),
          gte(jobs.attempts, jobs.maxAttempts),
        ),
      );
    const due = db
      .select({ id: jobs.id })
      .from(jobs)
      .where(
        and(
          eq(jobs.queue, queue),
          or(
            and(eq(jobs.state, 'pending'), lte(jobs.runAt, now)),
            and(eq(jobs.state, 'running'), lt(jobs.lockedUntil, now), lt(jobs.attempts, jobs.maxAttempts)),
          ),
        ),
      )
      .orderBy(asc(jobs.runAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    const claimed = await db
      .update(jobs)
      .set({
        state: 'running',
        lockedBy: workerId,
        lockedUntil: new Date(now.getTime() + leaseMs),
        attempts: sql`${jobs.attempts} + 1`,
        updatedAt: now,
      })
      .where(inArray(jobs.id, due))
      .returning();
    return claimed.sort((a, b) => a.runAt.getTime() - b.runAt.getTime());
  }

  /** Matches the job only while this run still holds it: same worker, same claim, still running. */
  function held(job: JobRow) {
    return and(
      eq(jobs.id, job.id),
      eq(jobs.state, 'running'),
      eq(jobs.lockedBy, workerId),
      eq(jobs.attempts, job.attempts),
    );
  }

  async function extendLease(job: JobRow, leaseMs: number): Promise<boolean> {
    const now = clock.now();
    const rows = await db
      .update(jobs)
      .set({ lockedUntil: new Date(now.getTime() + leaseMs), updatedAt: now })
      .where(held(job))
      .returning({ id: jobs.id });
    return rows.length > 0;
  }

  /** Runs one claimed job and records its outcome. Never rejects. */
  async function execute(
    job: JobRow,
    handler: JobHandler<unknown>,
    leaseMs: number,
    backoff: Backoff,
    controller = new AbortController(),
  ): Promise<void> {
    const log = { jobId: job.id, queue: job.queue, attempt: job.attempts, maxAttempts: job.maxAttempts };
    const heartbeat = setInterval(() => {
      extendLease(job, leaseMs).then(
        (held) => {
          if (!held && !controller.signal.aborted) {
            clearInterval(heartbeat);
            controller.abort(new Error('This worker no longer holds the job.'));
          }
        },
        (error: unknown) => logger.warn?.({ ...log, err: error }, 'could not renew a job lease'),
      );
    }, leaseMs / 3);
    heartbeat.unref();

    let failure: { error: unknown } | undefined;
    try {
      await handler(job, { workerId, signal: controller.signal });
    } catch (error) {
      failure = { error };
    } finally {
      clearInterval(heartbeat);
    }
    if (controller.signal.aborted) {
      // The job is no longer this run's (another worker took it, it was cancelled, or this worker handed it back
      // as it stopped): whatever the run did is not recorded.
      logger.warn?.(log, 'job run ended after the job stopped being its own; outcome discarded');
      return;
    }

    try {
      const now = clock.now();
      const settled = { lockedBy: null, lockedUntil: null, updatedAt: now };
      let recorded: { id: string }[];
      if (!failure) {
        recorded = await db
          .update(jobs)
          .set({ ...settled, state: 'done', finishedAt: now })
          .where(held(job))
          .returning({ id: jobs.id });
      } else {
        const lastError = describeError(failure.error);
        if (!isPermanent(failure.error) && job.attempts < job.maxAttempts) {
          const delay = Math.max(0, backoff(job.attempts) || 0);
          const runAt = new Date(now.getTime() + delay);
          recorded = await db
            .update(jobs)
            .set({ ...settled, state: 'pending', runAt, lastError })
            .where(held(job))
            .returning({ id: jobs.id });
          if (recorded.length > 0) {
            logger.warn?.(
              { ...log, err: failure.error, retryAt: runAt.toISOString() },
              'job failed; will retry',
            );
          }
        } else {
          recorded = await db
            .update(jobs)
            .set({ ...settled, state: 'failed', finishedAt: now, lastError })
            .where(held(job))
            .returning({ id: jobs.id });
          if (recorded.length > 0) logger.error({ ...log, err: failure.error }, 'job failed for good');
        }
      }
      if (recorded.length === 0) {
        logger.warn?.(
          log,
          'job was cancelled or taken over by another worker (lease expired) before it finished; outcome discarded',
        );
      }
    } catch (error) {
      // The run happened but could not be recorded: once the lease runs out, the job is claimed again.
      logger.error({ ...log, err: error }, 'could not record a job outcome');
    }
  }

  /**
   * Gives a job this worker still holds back to the queue: pending and due now, unlocked, the attempt not counted
   * (the worker stopped; the job did not fail). False when it was no longer held.
   */
  async function handBack(job: JobRow): Promise<boolean> {
    const now = clock.now();
    const rows = await db
      .update(jobs)
      .set({
        state: 'pending',
        runAt: now,
        lockedBy: null,
        lockedUntil: null,
        attempts: sql`${jobs.attempts} - 1`,
        updatedAt: now,
      })
      .where(held(job))
      .returning({ id: jobs.id });
    return rows.length > 0;
  }

  function runSettings(options: RunOptions) {
    return {
      leaseMs: positiveMs('leaseMs', options.leaseMs ?? DEFAULT_LEASE_MS),
      backoff: options.backoff ?? exponentialBackoff,
    };
  }

  /** The workers this queue object runs, by queue name: an enqueue here wakes them instead of waiting a poll. */
  const sleepers = new Map<string, Set<() => void>>();
  /**
   * Wakes this object's workers of `queue` for a job just enqueued and due. In a transaction the row is seen only
   * once it commits, so they are woken again shortly after; a later commit leaves the job to the next poll.
   */
  function wakeWorkers(queue: string, inTransaction: boolean): void {
    const workers = sleepers.get(queue);
    if (!workers?.size) return;
    const wakeAll = () => {
      for (const wake of workers) wake();
    };
    if (!inTransaction) return void setImmediate(wakeAll);
    for (const ms of [5, 50]) setTimeout(wakeAll, ms).unref();
  }

  return {
    workerId,

    async enqueue(queue, payload, options = {}) {
      if (!queue) throw new TypeError('queue must be a non-empty string');
      if (payload === undefined) throw new TypeError('payload must be JSON (use null or {} for none)');
      const maxAttempts = positiveInt('maxAttempts', options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
      const now = clock.now();
      const runAt = options.runAt ?? now;
      if (Number.isNaN(runAt.getTime())) throw new RangeError('runAt is not a valid date');
      const insert = (options.tx ?? db).insert(jobs).values({
        queue,
        payload,
        state: 'pending',
        runAt,
        attempts: 0,
        maxAttempts,
        dedupeKey: options.dedupeKey ?? null,
        createdAt: now,
        updatedAt: now,
      });
      const rows =
        options.dedupeKey === undefined
          ? await insert.returning({ id: jobs.id })
          : await insert
              .onConflictDoNothing({
                target: [jobs.queue, jobs.dedupeKey],
                where: sql`dedupe_key is not null`,
              })
              .returning({ id: jobs.id });
      if (rows[0] && runAt.getTime() <= now.getTime()) wakeWorkers(queue, options.tx !== undefined);
      return rows[0]?.id;
    },

    async cancel(id) {
      if (!UUID.test(id)) return false;
      const now = clock.now();
      const rows = await db
        .update(jobs)
        .set({ state: 'cancelled', lockedBy: null, lockedUntil: null, finishedAt: now, updatedAt: now })
        .where(and(eq(jobs.id, id), inArray(jobs.state, ['pending', 'running'])))
        .returning({ id: jobs.id });
      return rows.length > 0;
    },

    async get<P>(id: string) {
      if (!UUID.test(id)) return undefined;
      const rows = await db.select().from(jobs).where(eq(jobs.id, id));
      return rows[0] as Job<P> | undefined;
    },

    async runDue<P>(queue: string, handler: JobHandler<P>, options: RunDueOptions = {}) {
      const { leaseMs, backoff } = runSettings(options);
      const limit = positiveInt('limit', options.limit ?? DEFAULT_RUN_DUE_LIMIT);
      const concurrency = positiveInt('concurrency', options.concurrency ?? 1);
      let processed = 0;
      while (processed < limit) {
        const want = Math.min(concurrency, limit - processed);
        const batch = await claim(queue, want, leaseMs);
        await Promise.all(batch.map((job) => execute(job, handler as JobHandler<unknown>, leaseMs, backoff)));
        processed += batch.length;
        if (batch.length < want) break;
      }
      return processed;
    },

    work<P>(queue: string, handler: JobHandler<P>, options: WorkOptions = {}) {
      const { leaseMs, backoff } = runSettings(options);
      const concurrency = positiveInt('concurrency', options.concurrency ?? 1);
      const pollMs = positiveMs('pollMs', options.pollMs ?? DEFAULT_POLL_MS);
      const active = new Set<Promise<void>>();
      /** The job and its abort controller, of each run in `active`. */
      const runs = new Map<Promise<void>, { job: JobRow; controller: AbortController }>();
      let stopping = false;
      let wake: (() => void) | undefined;
      let napping = false;

      const nap = (ms: number) =>
        new Promise<void>((resolve) => {
          napping = true;
          const timer = setTimeout(done, ms);
          function done() {
            clearTimeout(timer);
            napping = false;
            wake = undefined;
            resolve();
          }
          wake = done;
        });

      /** Resolves when a slot frees up or `stop()` is called. */
      const slotOrStop = () =>
        new Promise<void>((resolve) => {
          wake = resolve;
          for (const run of active) void run.then(resolve);
        });

      async function loop(): Promise<void> {
        while (!stopping) {
          const free = concurrency - active.size;
          if (free <= 0) {
            await slotOrStop();
            continue;
          }
          let batch: JobRow[] = [];
          try {
            batch = await claim(queue, free, leaseMs);
          } catch (error) {
            logger.error({ queue, err: error }, 'could not claim jobs');
          }
          for (const job of batch) {
            const controller = new AbortController();
            const run: Promise<void> = execute(
              job,
              handler as JobHandler<unknown>,
              leaseMs,
              backoff,
              controller,
            )
              .catch((error: unknown) =>
                logger.error({ queue, jobId: job.id, err: error }, 'job run crashed'),
              )
              .finally(() => {
                active.delete(run);
                runs.delete(run);
              });
            active.add(run);
            runs.set(run, { job, controller });
          }
          // A full batch means more may be waiting: claim again as soon as a slot is free.
          if (batch.length === free) continue;
          if (!stopping) await nap(pollMs);
        }
      }

      const running = loop().catch((error: unknown) => {
        logger.error({ queue, err: error }, 'job worker stopped unexpectedly');
      });
      let stopped: Promise<void> | undefined;
      // Only a nap is cut short; a worker waiting for a free slot claims when one frees up.
      const wakeFromEnqueue = () => {
        if (napping) wake?.();
      };
      let workers = sleepers.get(queue);
      if (!workers) {
        workers = new Set();
        sleepers.set(queue, workers);
      }
      workers.add(wakeFromEnqueue);

      return {
        stop({ graceMs }: { graceMs?: number } = {}) {
          stopped ??= (async () => {
            stopping = true;
            sleepers.get(queue)?.delete(wakeFromEnqueue);
            wake?.();
            await running;
            if (graceMs === undefined) {
              await Promise.all([...active]);
              return;
            }
            let timer: NodeJS.Timeout | undefined;
            const finished = await Promise.race([
              Promise.all([...active]).then(() => true),
              new Promise<false>((resolve) => {
                timer = setTimeout(() => resolve(false), graceMs);
              }),
            ]);
            clearTimeout(timer);
            if (finished) return;
            await Promise.all(
              [...runs.values()].map(async ({ job, controller }) => {
                const handed = await handBack(job).catch((error: unknown) => {
                  logger.error({ queue, jobId: job.id, err: error }, 'could not hand a job back');
                  return false;
                });
                if (handed)
                  logger.warn?.({ queue, jobId: job.id }, 'worker stopping: job handed back to the queue');
                controller.abort(new Error('The worker is stopping; the job was handed back.'));
              }),
            );
          })();
          return stopped;
        },
      };
    },

    async prune({ olderThan, queue }) {
      const rows = await db
        .delete(jobs)
        .where(
          and(
            inArray(jobs.state, ['done', 'cancelled']),
            lt(jobs.finishedAt, olderThan),
            queue === undefined ? undefined : eq(jobs.queue, queue),
          ),
        )
        .returning({ id: jobs.id });
      return rows.length;
    },
  };
}
