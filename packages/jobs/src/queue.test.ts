import { randomUUID } from 'node:crypto';
import { type DatabaseHandle, openDatabase, rowsOf } from '@orbit/db';
import { createTestDatabase, type TestDatabase } from '@orbit/db/testing';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createJobQueue,
  exponentialBackoff,
  type JobContext,
  type JobLogger,
  jobs,
  jobsTables,
  migrateJobs,
  PermanentJobError,
} from './index.js';

const onPostgres = Boolean(process.env.ORBIT_TEST_DATABASE_URL);

function manualClock(start = '2030-01-01T00:00:00.000Z') {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fresh queue name per test, so tests sharing the database never see each other's jobs. */
const queueName = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;

describe('job queue', () => {
  let testDb: TestDatabase;
  let handle: DatabaseHandle<typeof jobsTables>;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    handle = await openDatabase({ url: testDb.url, dataDir: testDb.dataDir, schema: jobsTables });
    expect(await migrateJobs(handle.db)).toEqual({ applied: ['0000_init'] });
  });

  afterAll(async () => {
    await handle?.close();
    await testDb?.drop();
  });

  async function countJobs(queue: string, state?: string): Promise<number> {
    const rows = rowsOf<{ n: number }>(
      await handle.db.execute(
        state === undefined
          ? sql`select count(*)::int as n from jobs.jobs where queue = ${queue}`
          : sql`select count(*)::int as n from jobs.jobs where queue = ${queue} and state = ${state}`,
      ),
    );
    return rows[0]?.n ?? 0;
  }

  it('migrates once', async () => {
    expect(await migrateJobs(handle.db)).toEqual({ applied: [] });
  });

  it('runs an enqueued job once with its payload', async () => {
    const clock = manualClock();
    const queue = createJobQueue({ db: handle.db, clock });
    const q = queueName('once');
    const payload = { clientId: 'mail', sid: 's1', nested: { list: [1, 2, 3] } };
    const id = await queue.enqueue(q, payload);
    expect(id).toBeDefined();

    const seen: unknown[] = [];
    expect(await queue.runDue(q, (job) => void seen.push(job.payload))).toBe(1);
    expect(seen).toEqual([payload]);
    expect(await queue.runDue(q, (job) => void seen.push(job.payload))).toBe(0);
    expect(seen).toHaveLength(1);

    const job = await queue.get(id!);
    expect(job).toMatchObject({
      state: 'done',
      attempts: 1,
      lockedBy: null,
      lockedUntil: null,
      lastError: null,
      payload,
    });
    expect(job?.finishedAt).toEqual(clock.now());
    // Stored as a JSON object, not as a JSON string holding one.
    const types = rowsOf<{ t: string }>(
      await handle.db.execute(sql`select jsonb_typeof(payload) as t from jobs.jobs where id = ${id}`),
    );
    expect(types).toEqual([{ t: 'object' }]);
  });

  it('makes a second enqueue with the same dedupe key a no-op', async () => {
    const queue = createJobQueue({ db: handle.db, clock: manualClock() });
    const q = queueName('dedupe');
    const first = await queue.enqueue(q, { n: 1 }, { dedupeKey: 'logout:s1:mail' });
    expect(first).toBeDefined();
    expect(await queue.enqueue(q, { n: 2 }, { dedupeKey: 'logout:s1:mail' })).toBeUndefined();
    expect(await countJobs(q)).toBe(1);
    expect((await queue.get(first!))?.payload).toEqual({ n: 1 });

    // Still a no-op once the first has run; other keys, other queues and keyless jobs are separate.
    expect(await queue.runDue(q, () => {})).toBe(1);
    expect(await queue.enqueue(q, { n: 3 }, { dedupeKey: 'logout:s1:mail' })).toBeUndefined();
    expect(await queue.enqueue(q, { n: 4 }, { dedupeKey: 'logout:s1:portal' })).toBeDefined();
    expect(await queue.enqueue(queueName('other'), {}, { dedupeKey: 'logout:s1:mail' })).toBeDefined();
    expect(await queue.enqueue(q, { n: 5 })).toBeDefined();
    expect(await queue.enqueue(q, { n: 6 })).toBeDefined();
    expect(await countJobs(q)).toBe(4);
  });

  it('retries a failing job with backoff, then fails it after max attempts', async () => {
    const clock = manualClock();
    const queue = createJobQueue({ db: handle.db, clock });
    const q = queueName('retry');
    const id = (await queue.enqueue(q, { to: 'https://rp.example/logout' }, { maxAttempts: 3 }))!;
    let calls = 0;
    const handler = (job: { attempts: number }) => {
      calls++;
      throw new Error(`boom ${job.attempts}`);
    };

    expect(await queue.runDue(q, handler)).toBe(1);
    let job = (await queue.get(id))!;
    expect(job).toMatchObject({ state: 'pending', attempts: 1, lastError: 'boom 1', lockedBy: null });
    let delay = job.runAt.getTime() - clock.now().getTime();
    expect(delay).toBeGreaterThanOrEqual(1600); // 2 s ± 20%
    expect(delay).toBeLessThanOrEqual(2400);
    expect(await queue.runDue(q, handler)).toBe(0); // not yet due

    clock.advance(2500);
    expect(await queue.runDue(q, handler)).toBe(1);
    job = (await queue.get(id))!;
    expect(job).toMatchObject({ state: 'pending', attempts: 2, lastError: 'boom 2' });
    delay = job.runAt.getTime() - clock.now().getTime();
    expect(delay).toBeGreaterThanOrEqual(3200); // 4 s ± 20%
    expect(delay).toBeLessThanOrEqual(4800);

    clock.advance(5000);
    expect(await queue.runDue(q, handler)).toBe(1);
    job = (await queue.get(id))!;
    expect(job).toMatchObject({ state: 'failed', attempts: 3, lastError: 'boom 3', lockedBy: null });
    expect(job.finishedAt).toEqual(clock.now());

    clock.advance(24 * 3600_000);
    expect(await queue.runDue(q, handler)).toBe(0);
    expect(calls).toBe(3);
  });

  it('uses a custom backoff', async () => {
    const clock = manualClock();
    const queue = createJobQueue({ db: handle.db, clock });
    const q = queueName('custom-backoff');
    const id = (await queue.enqueue(q, {}))!;
    await queue.runDue(
      q,
      () => {
        throw new Error('later');
      },
      { backoff: (attempts) => attempts * 60_000 },
    );
    expect((await queue.get(id))?.runAt).toEqual(new Date(clock.now().getTime() + 60_000));
  });

  it('fails at once on PermanentJobError', async () => {
    const clock = manualClock();
    const queue = createJobQueue({ db: handle.db, clock });
    const q = queueName('permanent');
    const id = (await queue.enqueue(q, {}, { maxAttempts: 5 }))!;
    expect(
      await queue.runDue(q, () => {
        throw new PermanentJobError('client is gone');
      }),
    ).toBe(1);
    expect(await queue.get(id)).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastError: 'PermanentJobError: client is gone',
    });
    clock.advance(3600_000);
    expect(await queue.runDue(q, () => {})).toBe(0);
  });

  it('does not run a job scheduled in the future before its time', async () => {
    const clock = manualClock();
    const queue = createJobQueue({ db: handle.db, clock });
    const q = queueName('scheduled');
    const runAt = new Date(clock.now().getTime() + 3600_000);
    const id = (await queue.enqueue(q, { subscription: 'sub-1' }, { runAt }))!;
    const ran: string[] = [];
    const handler = (job: { id: string }) => void ran.push(job.id);

    expect(await queue.runDue(q, handler)).toBe(0);
    clock.advance(3600_000 - 1);
    expect(await queue.runDue(q, handler)).toBe(0);
    clock.advance(1);
    expect(await queue.runDue(q, handler)).toBe(1);
    expect(ran).toEqual([id]);
  });

  it('runs due jobs in run_at order', async () => {
    const clock = manualClock();
    const queue = createJobQueue({ db: handle.db, clock });
    const q = queueName('order');
    const base = clock.now().getTime();
    await queue.enqueue(q, 'c', { runAt: new Date(base - 1000) });
    await queue.enqueue(q, 'a', { runAt: new Date(base - 3000) });
    await queue.enqueue(q, 'b', { runAt: new Date(base - 2000) });
    const seen: unknown[] = [];
    expect(await queue.runDue(q, (job) => void seen.push(job.payload))).toBe(3);
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('runs a job again after its worker lost the lease, and ignores the stale worker', async () => {
    const clock = manualClock();
    const a = createJobQueue({ db: handle.db, clock, workerId: 'worker-a' });
    const b = createJobQueue({ db: handle.db, clock, workerId: 'worker-b' });
    const q = queueName('lease');
    const id = (await a.enqueue(q, { n: 1 }))!;

    // Worker a claims the job and hangs (as good as crashed) while holding a 30 s lease.
    const started = deferred();
    const release = deferred();
    const stale = a.runDue(
      q,
      async () => {
        started.resolve();
        await release.promise;
        throw new Error('late failure from the stale worker');
      },
      { leaseMs: 30_000 },
    );
    await started.promise;
    expect(await a.get(id)).toMatchObject({ state: 'running', lockedBy: 'worker-a', attempts: 1 });
    expect((await a.get(id))?.lockedUntil).toEqual(new Date(clock.now().getTime() + 30_000));

    const runs: string[] = [];
    const handler = (_job: unknown, context: JobContext) => void runs.push(context.workerId);
    expect(await b.runDue(q, handler)).toBe(0); // the lease still holds
    clock.advance(30_001);
    expect(await b.runDue(q, handler)).toBe(1);
    expect(runs).toEqual(['worker-b']);
    expect(await b.get(id)).toMatchObject({ state: 'done', attempts: 2, lastError: null });

    release.resolve();
    expect(await stale).toBe(1);
    expect(await b.get(id)).toMatchObject({ state: 'done', attempts: 2, lastError: null });
    clock.advance(3600_000);
    expect(await b.runDue(q, handler)).toBe(0);
  });

  it('fails a job whose worker died on its last attempt instead of running it again', async () => {
    const clock = manualClock();
    const a = createJobQueue({ db: handle.db, clock, workerId: 'worker-a' });
    const b = createJobQueue({ db: handle.db, clock, workerId: 'worker-b' });
    const q = queueName('lease-final');
    const id = (await a.enqueue(q, {}, { maxAttempts: 1 }))!;
    const started = deferred();
    const release = deferred();
    const stale = a.runDue(
      q,
      async () => {
        started.resolve();
        await release.promise;
      },
      { leaseMs: 30_000 },
    );
    await started.promise;
    clock.advance(60_000);
    expect(await b.runDue(q, () => {})).toBe(0);
    const job = await b.get(id);
    expect(job).toMatchObject({ state: 'failed', attempts: 1, lockedBy: null });
    expect(job?.lastError).toMatch(/lease/);
    release.resolve();
    await stale;
    expect((await b.get(id))?.state).toBe('failed');
  });

  it('renews the lease of a long-running job', async () => {
    const a = createJobQueue({ db: handle.db, workerId: 'worker-a' });
    const b = createJobQueue({ db: handle.db, workerId: 'worker-b' });
    const q = queueName('heartbeat');
    await a.enqueue(q, {});
    const started = deferred();
    const release = deferred();
    const runs: string[] = [];
    const slow = a.runDue(
      q,
      async (_job, { workerId }) => {
        runs.push(workerId);
        started.resolve();
        await release.promise;
      },
      { leaseMs: 300 },
    );
    await started.promise;
    await sleep(700); // well past the first lease of 300 ms
    expect(await b.runDue(q, (_job, { workerId }) => void runs.push(workerId))).toBe(0);
    release.resolve();
    expect(await slow).toBe(1);
    expect(runs).toEqual(['worker-a']);
  });

  it('tells a handler through its signal once the job is no longer its own', async () => {
    const queue = createJobQueue({ db: handle.db });
    const q = queueName('signal');
    const id = (await queue.enqueue(q, {}))!;
    let aborted = false;
    const done = queue.runDue(
      q,
      async (_job, { signal }) => {
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
        aborted = true;
      },
      { leaseMs: 150 },
    );
    await vi.waitFor(async () => expect((await queue.get(id))?.state).toBe('running'));
    expect(await queue.cancel(id)).toBe(true);
    await done;
    expect(aborted).toBe(true);
    expect((await queue.get(id))?.state).toBe('cancelled');
  });

  it('enqueues atomically with a transaction', async () => {
    const queue = createJobQueue({ db: handle.db, clock: manualClock() });
    const q = queueName('tx');
    await expect(
      handle.db.transaction(async (tx) => {
        await queue.enqueue(q, { n: 1 }, { tx, dedupeKey: 'k' });
        expect(await tx.select().from(jobs).where(eq(jobs.queue, q))).toHaveLength(1);
        throw new Error('domain write failed');
      }),
    ).rejects.toThrow('domain write failed');
    expect(await countJobs(q)).toBe(0);

    const id = await handle.db.transaction((tx) => queue.enqueue(q, { n: 2 }, { tx, dedupeKey: 'k' }));
    expect(id).toBeDefined();
    expect(await countJobs(q, 'pending')).toBe(1);
  });

  it('cancels pending jobs and reports unknown ones', async () => {
    const clock = manualClock();
    const queue = createJobQueue({ db: handle.db, clock });
    const q = queueName('cancel');
    const id = (await queue.enqueue(q, {}))!;
    expect(await queue.cancel(id)).toBe(true);
    expect(await queue.cancel(id)).toBe(false);
    expect(await queue.runDue(q, () => {})).toBe(0);
    expect(await queue.get(id)).toMatchObject({ state: 'cancelled', finishedAt: clock.now() });
    expect(await queue.cancel(randomUUID())).toBe(false);
    expect(await queue.cancel('not-a-uuid')).toBe(false);
    expect(await queue.get(randomUUID())).toBeUndefined();
    expect(await queue.get('not-a-uuid')).toBeUndefined();
  });

  it('rejects bad enqueue options', async () => {
    const queue = createJobQueue({ db: handle.db });
    await expect(queue.enqueue('', {})).rejects.toThrow(TypeError);
    await expect(queue.enqueue('q', undefined)).rejects.toThrow(TypeError);
    await expect(queue.enqueue('q', {}, { maxAttempts: 0 })).rejects.toThrow(RangeError);
    await expect(queue.enqueue('q', {}, { runAt: new Date('nope') })).rejects.toThrow(RangeError);
  });

  it('prunes finished jobs older than a date', async () => {
    const clock = manualClock();
    const queue = createJobQueue({ db: handle.db, clock });
    const q = queueName('prune');
    const done = (await queue.enqueue(q, {}))!;
    await queue.runDue(q, () => {});
    const cancelled = (await queue.enqueue(q, {}))!;
    await queue.cancel(cancelled);
    const failed = (await queue.enqueue(q, {}, { maxAttempts: 1 }))!;
    await queue.runDue(q, () => {
      throw new Error('x');
    });
    const pending = (await queue.enqueue(q, {}, { runAt: new Date(clock.now().getTime() + 1000) }))!;

    expect(await queue.prune({ olderThan: clock.now(), queue: q })).toBe(0);
    clock.advance(1);
    expect(await queue.prune({ olderThan: clock.now(), queue: q })).toBe(2);
    expect(await queue.get(done)).toBeUndefined();
    expect(await queue.get(cancelled)).toBeUndefined();
    expect((await queue.get(failed))?.state).toBe('failed');
    expect((await queue.get(pending))?.state).toBe('pending');
  });

  it('works a queue in the background and stops cleanly', async () => {
    const errors: unknown[] = [];
    const logger: JobLogger = { error: (obj) => void errors.push(obj), warn: () => {} };
    const queue = createJobQueue({ db: handle.db, logger });
    const q = queueName('work');
    for (let n = 0; n < 7; n++) await queue.enqueue(q, { n }, { maxAttempts: 1 });

    const seen: number[] = [];
    const worker = queue.work<{ n: number }>(
      q,
      async (job) => {
        await sleep(5);
        seen.push(job.payload.n);
        if (job.payload.n === 3) throw new PermanentJobError('bad payload');
      },
      { concurrency: 3, pollMs: 20 },
    );
    await vi.waitFor(() => expect(seen).toHaveLength(7), { timeout: 5000, interval: 10 });
    // Picks up a job enqueued while it runs.
    await queue.enqueue(q, { n: 7 });
    await vi.waitFor(() => expect(seen).toHaveLength(8), { timeout: 5000, interval: 10 });
    await worker.stop();
    await worker.stop(); // idempotent

    expect(seen.sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(await countJobs(q, 'done')).toBe(7);
    expect(await countJobs(q, 'failed')).toBe(1);
    expect(errors).toHaveLength(1);

    // Stopped: a new job stays pending.
    await queue.enqueue(q, { n: 8 });
    await sleep(100);
    expect(seen).toHaveLength(8);
    expect(await countJobs(q, 'pending')).toBe(1);
  });

  it('wakes its idle workers when a job is enqueued through it, in a transaction or not', async () => {
    const queue = createJobQueue({ db: handle.db });
    const q = queueName('wake');
    const seen: number[] = [];
    // A poll a minute apart: a job is run promptly only because the enqueue woke the worker.
    const worker = queue.work<{ n: number }>(q, async (job) => void seen.push(job.payload.n), {
      pollMs: 60_000,
    });
    try {
      await sleep(50); // the worker's first claim found nothing: it naps
      await queue.enqueue(q, { n: 1 });
      await vi.waitFor(() => expect(seen).toEqual([1]), { timeout: 2000, interval: 10 });
      await handle.db.transaction((tx) => queue.enqueue(q, { n: 2 }, { tx }));
      await vi.waitFor(() => expect(seen).toEqual([1, 2]), { timeout: 2000, interval: 10 });
      await sleep(100); // napping again
      // A job for later does not wake it, and another queue object's enqueue is left to the poll.
      await queue.enqueue(q, { n: 3 }, { runAt: new Date(Date.now() + 60_000) });
      await createJobQueue({ db: handle.db }).enqueue(q, { n: 4 });
      await sleep(300);
      expect(seen).toEqual([1, 2]);
    } finally {
      await worker.stop();
    }
  });

  it('waits for running handlers when stopping', async () => {
    const queue = createJobQueue({ db: handle.db });
    const q = queueName('stop');
    const id = (await queue.enqueue(q, {}))!;
    const started = deferred();
    const release = deferred();
    const worker = queue.work(
      q,
      async () => {
        started.resolve();
        await release.promise;
      },
      { pollMs: 10 },
    );
    await started.promise;
    let stopped = false;
    const stopping = worker.stop().then(() => {
      stopped = true;
    });
    await sleep(50);
    expect(stopped).toBe(false);
    expect((await queue.get(id))?.state).toBe('running');
    release.resolve();
    await stopping;
    expect((await queue.get(id))?.state).toBe('done');
  });

  it('hands a running job back when the grace runs out, and another worker takes it at once', async () => {
    const queue = createJobQueue({ db: handle.db, workerId: 'stopping-worker' });
    const q = queueName('handback');
    const id = (await queue.enqueue(q, { n: 1 }, { maxAttempts: 3 }))!;
    const started = deferred();
    let aborted: unknown;
    const worker = queue.work(
      q,
      async (_job, { signal }) => {
        started.resolve();
        await new Promise<void>((resolve) => {
          signal.addEventListener('abort', () => {
            aborted = signal.reason;
            resolve();
          });
        });
        // What the run does after its signal is discarded: the job is no longer its own.
      },
      { pollMs: 10, leaseMs: 60_000 },
    );
    await started.promise;
    expect(await queue.get(id)).toMatchObject({ state: 'running', attempts: 1 });
    const before = Date.now();
    await worker.stop({ graceMs: 100 });
    expect(Date.now() - before).toBeLessThan(5_000);
    expect(aborted).toBeInstanceOf(Error);
    // Pending and due now, unlocked, the attempt not counted: not left running until its 60 s lease ran out.
    const handed = await queue.get(id);
    expect(handed).toMatchObject({ state: 'pending', attempts: 0 });
    await sleep(50);
    expect((await queue.get(id))?.state).toBe('pending');

    const other = createJobQueue({ db: handle.db, workerId: 'next-worker' });
    const runs: unknown[] = [];
    expect(await other.runDue(q, async (job) => void runs.push(job.payload))).toBe(1);
    expect(runs).toEqual([{ n: 1 }]);
    expect(await other.get(id)).toMatchObject({ state: 'done', attempts: 1 });

    // Within the grace, a handler that finishes is simply waited for, as without one.
    const quick = (await queue.enqueue(q, {}))!;
    const second = queue.work(
      q,
      async () => {
        await sleep(30);
      },
      { pollMs: 10 },
    );
    for (let i = 0; i < 100 && (await queue.get(quick))?.state === 'pending'; i++) await sleep(10);
    await second.stop({ graceMs: 5_000 });
    expect((await queue.get(quick))?.state).toBe('done');
  });

  it('keeps the worker loop alive when the database fails, logging instead of throwing', async () => {
    const broken = await openDatabase({ url: testDb.url, dataDir: testDb.dataDir, schema: {} });
    await broken.close();
    const errors: unknown[] = [];
    const queue = createJobQueue({ db: broken.db, logger: { error: (obj) => void errors.push(obj) } });
    const worker = queue.work(queueName('broken'), () => {}, { pollMs: 10 });
    await vi.waitFor(() => expect(errors.length).toBeGreaterThanOrEqual(2), { timeout: 5000, interval: 10 });
    await worker.stop();
  });

  it.runIf(onPostgres)('runs each job exactly once with two instances on separate pools', async () => {
    const other = await openDatabase({ url: testDb.url, dataDir: testDb.dataDir, schema: {} });
    try {
      const a = createJobQueue({ db: handle.db, workerId: 'instance-a' });
      const b = createJobQueue({ db: other.db, workerId: 'instance-b' });
      const q = queueName('race');
      const ids: string[] = [];
      for (let n = 0; n < 50; n++) ids.push((await a.enqueue(q, { n }))!);

      const executions = new Map<string, number>();
      const byWorker = new Map<string, number>();
      const handler = async (job: { id: string }, { workerId }: JobContext) => {
        executions.set(job.id, (executions.get(job.id) ?? 0) + 1);
        byWorker.set(workerId, (byWorker.get(workerId) ?? 0) + 1);
        await sleep(Math.random() * 10);
      };
      const workers = [
        a.work(q, handler, { concurrency: 5, pollMs: 10 }),
        b.work(q, handler, { concurrency: 5, pollMs: 10 }),
      ];
      await vi.waitFor(async () => expect(await countJobs(q, 'done')).toBe(50), {
        timeout: 15_000,
        interval: 20,
      });
      await Promise.all(workers.map((w) => w.stop()));

      expect(executions.size).toBe(50);
      expect([...executions.values()].every((n) => n === 1)).toBe(true);
      expect([...executions.keys()].sort()).toEqual([...ids].sort());
      expect((byWorker.get('instance-a') ?? 0) + (byWorker.get('instance-b') ?? 0)).toBe(50);

      // Same with two one-pass runs racing each other.
      const q2 = queueName('race-run-due');
      for (let n = 0; n < 50; n++) await a.enqueue(q2, { n });
      executions.clear();
      const counts = await Promise.all([
        a.runDue(q2, handler, { concurrency: 4 }),
        b.runDue(q2, handler, { concurrency: 4 }),
      ]);
      expect(counts[0] + counts[1]).toBe(50);
      expect(executions.size).toBe(50);
      expect([...executions.values()].every((n) => n === 1)).toBe(true);
      const rows = await handle.db
        .select({ attempts: jobs.attempts })
        .from(jobs)
        .where(and(eq(jobs.queue, q2), eq(jobs.state, 'done')));
      expect(rows.map((r) => r.attempts)).toEqual(Array(50).fill(1));
    } finally {
      await other.close();
    }
  });
});

describe('exponentialBackoff', () => {
  it('doubles from 2 s, caps at an hour, and jitters by at most 20%', () => {
    for (let i = 0; i < 200; i++) {
      const first = exponentialBackoff(1);
      expect(first).toBeGreaterThanOrEqual(1600);
      expect(first).toBeLessThanOrEqual(2400);
      const fifth = exponentialBackoff(5);
      expect(fifth).toBeGreaterThanOrEqual(32_000 * 0.8);
      expect(fifth).toBeLessThanOrEqual(32_000 * 1.2);
      const late = exponentialBackoff(40);
      expect(late).toBeGreaterThanOrEqual(3600_000 * 0.8);
      expect(late).toBeLessThanOrEqual(3600_000 * 1.2);
    }
  });
});
