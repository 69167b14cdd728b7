import type postgres from 'postgres';
import type { SoakContext } from './journeys.js';
import type { Fault } from './options.js';
import type { FaultWindow } from './record.js';
import type { Stack, Supervised } from './stack.js';

/** A fault as it happened, with what the soak saw of it besides the requests. */
export interface InjectedFault extends FaultWindow {
  /** What was done, in words. */
  action: string;
  /** Findings of the fault's own probes (e.g. how long readiness was false before the hub stopped listening). */
  notes: string[];
  /** `sigterm`: readiness turned 503 before the listener closed (undefined for other faults). */
  readinessFirst?: boolean;
  /** `kill-during-purchase`: ms from the kill until no purchase was pending (undefined when none was left). */
  settledAfterMs?: number | undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Watches one process's `/readyz` every 25 ms while it stops: when it first said 503, when it stopped answering. */
function watchStop(hub: Supervised) {
  let firstNotReady: number | undefined;
  let firstRefused: number | undefined;
  let watching = true;
  const done = (async () => {
    while (watching && firstRefused === undefined) {
      const status = await fetch(`${hub.url}/readyz`).then(
        (r) => r.status,
        () => 0,
      );
      const now = Date.now();
      if (status === 503) firstNotReady ??= now;
      if (status === 0) firstRefused ??= now;
      await sleep(25);
    }
  })();
  return {
    stop: async () => {
      watching = false;
      await done;
      return { firstNotReady, firstRefused };
    },
  };
}

/** Injects `fault` into the running stack and resolves once what it broke is back. */
export async function injectFault(
  fault: Fault,
  stack: Stack,
  ctx: SoakContext,
  sql: postgres.Sql,
): Promise<InjectedFault> {
  const hub = stack.hubs[0]!;
  const notes: string[] = [];
  switch (fault) {
    case 'db-restart':
    case 'db-crash': {
      const startedAt = Date.now();
      await stack.postgres.restart(fault === 'db-restart' ? 'fast' : 'immediate');
      const endedAt = Date.now();
      return {
        fault,
        startedAt,
        endedAt,
        action:
          fault === 'db-restart'
            ? 'PostgreSQL restarted (`pg_ctl restart -m fast`)'
            : 'PostgreSQL crashed and started again (`pg_ctl restart -m immediate`)',
        notes: [`the server was back after ${((endedAt - startedAt) / 1000).toFixed(1)} s`],
      };
    }
    case 'kill-hub': {
      const startedAt = Date.now();
      await hub.signal('SIGKILL');
      await sleep(50);
      await hub.ready();
      return {
        fault,
        startedAt,
        endedAt: Date.now(),
        action: `\`kill -9\` of ${hub.name}; the soak's supervisor started it again after 1 s, as \`npm start\` does`,
        notes,
      };
    }
    case 'kill-during-purchase': {
      // The moment a purchase has claimed its key and not yet recorded its charge (a `pending` row, a few
      // milliseconds of each purchase), found by asking the database as fast as it answers.
      const pending = async () => {
        const [row] = await sql<{ pending: number }[]>`
          select count(*)::int as pending from membership.purchases where status = 'pending'`.catch(() => [
          { pending: -1 },
        ]);
        return row?.pending ?? -1;
      };
      const waited = Date.now();
      while (Date.now() - waited < 60_000 && ctx.running) {
        if (ctx.purchasesInFlight.size > 0 && (await pending()) > 0) break;
        if (ctx.purchasesInFlight.size === 0) await sleep(1);
      }
      const inFlight = ctx.purchasesInFlight.size;
      const startedAt = Date.now();
      await Promise.all(stack.hubs.map((h) => h.signal('SIGKILL')));
      const leftPending = await pending();
      await sleep(50);
      await Promise.all(stack.hubs.map((h) => h.ready()));
      const endedAt = Date.now();
      notes.push(
        `${inFlight} purchase call(s) were in flight when every hub was killed, ${leftPending} left pending`,
      );
      // The recovery job settles what the kill left pending: how long until nothing is.
      let settledAfterMs: number | undefined;
      for (let i = 0; i < 120; i++) {
        if ((await pending()) === 0) {
          settledAfterMs = Date.now() - startedAt;
          break;
        }
        await sleep(250);
      }
      notes.push(
        settledAfterMs === undefined
          ? 'purchases were still pending 30 s after the hubs were back'
          : leftPending > 0
            ? `settled by the recovery job ${(settledAfterMs / 1000).toFixed(1)} s after the kill`
            : 'none to settle (the kill came before a claim or after an answer)',
      );
      return {
        fault,
        startedAt,
        endedAt,
        action: '`kill -9` of every hub while purchases were in flight; started again after 1 s',
        notes,
        settledAfterMs,
      };
    }
    case 'sigterm': {
      const watch = watchStop(hub);
      const startedAt = Date.now();
      await hub.signal('SIGTERM');
      const exited = Date.now();
      const { firstNotReady, firstRefused } = await watch.stop();
      await hub.ready();
      const endedAt = Date.now();
      const readinessFirst =
        firstNotReady !== undefined && (firstRefused === undefined || firstNotReady < firstRefused);
      notes.push(
        `exited ${((exited - startedAt) / 1000).toFixed(1)} s after SIGTERM; /readyz said 503 ` +
          (firstNotReady === undefined
            ? 'never'
            : `${firstNotReady - startedAt} ms after it` +
              (firstRefused === undefined
                ? ''
                : `, ${firstRefused - firstNotReady} ms before it stopped listening`)),
      );
      return {
        fault,
        startedAt,
        endedAt,
        action: `SIGTERM to ${hub.name} (its graceful stop); started again after 1 s`,
        notes,
        readinessFirst,
      };
    }
  }
}
