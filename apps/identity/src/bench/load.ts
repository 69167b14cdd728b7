/** The load loop the OIDC and passkey benches share: operations run `concurrency` at a time, timed one by one. */
import { readFile } from 'node:fs/promises';
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
