/** The load loop the benches share: operations run `concurrency` at a time, timed one by one. */
import { readdir, readFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { connectPostgres } from '@orbit/db';
import { percentile } from '../net.js';

export interface Timing {
  perSecond: number;
  p50: number;
  p99: number;
  failures: number;
}

/** Runs `count` operations, `concurrency` at a time; worker `w` runs operation `i`; `op` answers success. */
export async function load(
  count: number,
  concurrency: number,
  op: (i: number, worker: number) => Promise<boolean>,
): Promise<Timing> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        const ok = await op(i, worker).catch(() => false);
        latencies.push(performance.now() - t0);
        if (!ok) failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: count / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failures,
  };
}

/** A Markdown table row: operation, requests, concurrency, per second, p50, p99, failures. */
export const row = (name: string, n: number, c: number, r: Timing) =>
  `| ${name} | ${n} | ${c} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.failures} |`;

/**
 * CPU the hub process has used so far (user + system, all its threads, PGlite included), in ms; from
 * `/proc/<pid>/stat` (Linux, in clock ticks of 10 ms), undefined elsewhere.
 */
export async function cpuMsOf(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * The CPU of the PostgreSQL server processes serving one database (its backends in `pg_stat_activity`), read from
 * `/proc/<pid>/stat` when the server runs on this machine: what a request costs the database, apart from the
 * other work on the machine. Undefined for PGlite (inside the hub's own process), elsewhere than Linux, or when
 * the backends' files can't be read. `end()` closes the connection it asks on.
 */
export function databaseCpu(url: string | undefined) {
  const name = url ? decodeURIComponent(new URL(url).pathname.slice(1)) : undefined;
  const sql = url ? connectPostgres(url, { max: 1, onnotice: () => {} }) : undefined;
  return {
    async ms(): Promise<number | undefined> {
      if (!sql) return undefined;
      const backends = await sql<{ pid: number }[]>`
        select pid from pg_stat_activity where datname = ${name!} and pid <> pg_backend_pid()`;
      let total = 0;
      for (const { pid } of backends) {
        const ms = await cpuMsOf(pid);
        if (ms === undefined) return undefined;
        total += ms;
      }
      return total;
    },
    end: async () => {
      await sql?.end({ timeout: 5 });
    },
  };
}

/** CPU a process and its descendants (a hub's `ORBIT_HUB_PROCESSES` workers) have used so far, in ms (Linux). */
export async function treeCpuMs(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  const own = await cpuMsOf(pid);
  if (own === undefined) return undefined;
  let children: number[] = [];
  try {
    for (const task of await readdir(`/proc/${pid}/task`)) {
      const listed = await readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(() => '');
      children = children.concat(listed.split(' ').filter(Boolean).map(Number));
    }
  } catch {
    return own;
  }
  let total = own;
  for (const child of children) total += (await treeCpuMs(child)) ?? 0;
  return total;
}

/** CPU used so far, in ms: the hub's processes, the database's backends, and this (the load generator's) process. */
export interface CpuSample {
  hub: number | undefined;
  database: number | undefined;
  load: number;
}

/** Samples what the hub (`hubPid()` and its workers), its database and the load generator have used. */
export function cpuMeter(hubPid: () => number | undefined, database: ReturnType<typeof databaseCpu>) {
  return async (): Promise<CpuSample> => {
    const [hub, db] = await Promise.all([treeCpuMs(hubPid()), database.ms()]);
    const { user, system } = process.cpuUsage();
    return { hub, database: db, load: (user + system) / 1000 };
  };
}

/**
 * CPU per operation between two samples, as a sentence part: "hub 0.95 ms + database 0.40 ms + load generator
 * 0.30 ms = 1.65 ms (2 cores: at most 1,212 a second)". The bound is what the machine's cores could do if nothing
 * but these three ran on them.
 */
export function cpuPerOp(before: CpuSample, after: CpuSample, ops: number, cores: number): string {
  const per = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined ? undefined : (b - a) / ops;
  const parts: [string, number | undefined][] = [
    ['hub', per(before.hub, after.hub)],
    ['database', per(before.database, after.database)],
    ['load generator', per(before.load, after.load)],
  ];
  const known = parts.filter((p): p is [string, number] => p[1] !== undefined);
  const total = known.reduce((sum, [, ms]) => sum + ms, 0);
  const bound =
    total > 0
      ? ` (${cores} cores: at most ${Math.round((cores * 1000) / total).toLocaleString('en')} a second)`
      : '';
  return `${known.map(([name, ms]) => `${name} ${ms.toFixed(2)} ms`).join(' + ')} = ${total.toFixed(2)} ms${bound}`;
}

/**
 * A lean HTTP/1.1 client for load: node:http over kept-alive connections (up to `sockets`), without fetch's
 * WHATWG streams, which cost the load generator more than the hub's own answer on small requests — CPU taken from
 * the two cores the hub and its database share with it. Answers the status and the body as text.
 */
export function loadClient(base: string, sockets: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const { hostname, port } = new URL(base);
  return {
    send(
      method: string,
      path: string,
      headers: Record<string, string>,
      body?: string,
    ): Promise<{ status: number; text: string }> {
      return new Promise((resolve, reject) => {
        const req = request({ agent, hostname, port, method, path, headers }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}
