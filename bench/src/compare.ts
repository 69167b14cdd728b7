/**
 * `npm run bench:compare`: Orbit's hub (on embedded PGlite and on PostgreSQL) and node-oidc-provider (the peer a
 * Node team would pick instead; pinned in package.json, configured in peer-server.ts) side by side: the same
 * load generator (autocannon) with the same settings, rounds alternating between the servers so drift hits all
 * of them, every answer checked (status and token shape), and a ratio printed only when neither side failed;
 * then one round per server at half its own peak rate, for the p99 it shows when not saturated.
 * Printed as Markdown for docs/performance.md.
 *
 * Settings (environment): BENCH_SECONDS (a round, default 10), BENCH_ROUNDS (per server, default 3),
 * BENCH_CONNECTIONS (default 10), BENCH_SCENARIOS (ids, comma-separated; default all), BENCH_TARGETS (`peer`,
 * `pglite`, `postgres`, `postgres2` — two hub processes; default all), ORBIT_BENCH_DATABASE_URL (the PostgreSQL server the hub's database is made
 * on; default the machine's server through its Unix socket in /var/run/postgresql when there is one, else
 * postgres://postgres@127.0.0.1:5432/test).
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { CookieJar, waitForExit } from './http.js';
import { startOrbit } from './orbit.js';
import { PEER_CLIENTS, REDIRECT_URI } from './peer-config.js';
import {
  absoluteCell,
  cell,
  cpuCell,
  HALF_RATE_P99_LIMIT_MS,
  halfRate,
  halfRateCell,
  machineCpuMs,
  processCpuMs,
  type Round,
  ratio,
  ratioCell,
  summarize,
} from './report.js';
import { type Load, loadOf, SCENARIOS, type Scenario, type ScenarioId } from './scenarios.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const WARM_UP_SECONDS = Math.min(3, SECONDS);
const TARGET_RATIO = 1.5;

export interface Target {
  id: 'peer' | 'pglite' | 'postgres' | 'postgres2';
  label: string;
  url: string;
  pid: number;
  /** The load for a scenario, seeded (signed in, refresh chains made); undefined when the server can't do it. */
  prepare(scenario: Scenario, connections: number): Promise<Load | undefined>;
  stop(): Promise<void>;
}

/** node-oidc-provider in its own process (peer-server.ts). */
async function startPeer(): Promise<Target> {
  const { freePort } = await import('./http.js');
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const child = spawn(process.execPath, [fileURLToPath(new URL('./peer-server.js', import.meta.url))], {
    env: { ...process.env, PORT: String(port), NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    if (process.env.BENCH_DEBUG) process.stderr.write(chunk);
    stderr += chunk.toString();
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`node-oidc-provider exited (${code}): ${stderr}`)));
  });
  const basic = (id: string) => {
    const client = PEER_CLIENTS.find((c) => c.client_id === id)!;
    return `Basic ${Buffer.from(`${id}:${client.client_secret}`).toString('base64')}`;
  };
  const jar = new CookieJar();
  /** Runs an authorization request through the peer's interactions (sign-in, consent) to the code. */
  async function code(scope: string, prompt?: string) {
    const verifier = randomBytes(32).toString('base64url');
    const params = new URLSearchParams({
      client_id: 'bench-app',
      response_type: 'code',
      redirect_uri: REDIRECT_URI,
      scope,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      ...(prompt ? { prompt } : {}),
    });
    let next = `${url}/auth?${params}`;
    for (let hop = 0; hop < 10; hop++) {
      const res = await fetch(next, { headers: { cookie: jar.header() }, redirect: 'manual' });
      jar.store(res.headers.getSetCookie());
      const location = res.headers.get('location');
      if (!location) throw new Error(`peer sign-in: ${res.status} ${await res.text()}`);
      if (location.startsWith(REDIRECT_URI)) {
        const got = new URL(location).searchParams.get('code');
        if (!got) throw new Error(`peer sign-in: ${location}`);
        return { code: got, verifier };
      }
      if (process.env.BENCH_DEBUG)
        console.error(
          res.status,
          location,
          res.headers.getSetCookie().map((c) => c.split(';')[0]),
        );
      next = new URL(location, url).toString();
    }
    throw new Error('peer sign-in: too many redirects');
  }
  async function refreshToken(): Promise<string> {
    const { code: got, verifier } = await code('openid offline_access accounts:read', 'consent');
    const res = await fetch(`${url}/token`, {
      method: 'POST',
      headers: { authorization: basic('bench-app'), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: got,
        code_verifier: verifier,
        redirect_uri: REDIRECT_URI,
      }),
    });
    const body = (await res.json()) as { refresh_token?: string };
    if (!body.refresh_token) throw new Error(`peer refresh token: ${JSON.stringify(body)}`);
    return body.refresh_token;
  }
  try {
    await code('openid accounts:read'); // signs the bench user in
  } catch (error) {
    child.kill('SIGTERM');
    await waitForExit(child);
    throw error;
  }
  return {
    id: 'peer',
    label: 'node-oidc-provider',
    url,
    pid: child.pid!,
    prepare: async (scenario, connections) =>
      loadOf(scenario, {
        tokenPath: '/token',
        authorizePath: '/auth',
        serviceAuth: basic('bench-service'),
        es256ServiceAuth: basic('bench-service-es256'),
        appAuth: basic('bench-app'),
        clientId: 'bench-app',
        codeScope: 'openid accounts:read',
        cookie: jar.header(),
        connections,
        // One after another: the interactions of one browser share its cookies.
        refreshTokens: async (count) => {
          const tokens: string[] = [];
          for (let i = 0; i < count; i++) tokens.push(await refreshToken());
          return tokens;
        },
      }),
    stop: async () => {
      child.kill('SIGTERM');
      await waitForExit(child);
    },
  };
}

/** Resident memory of a server's processes together, in MB. */
async function rss(pid: number): Promise<number | undefined> {
  try {
    let kb = 0;
    for (const p of await processTree(pid)) {
      const status = await readFile(`/proc/${p}/status`, 'utf8');
      kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    }
    return kb ? kb / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** A server's process and its children (the hub processes of `ORBIT_HUB_PROCESSES`), from /proc (Linux). */
async function processTree(pid: number): Promise<number[]> {
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  return [pid, ...children.trim().split(/\s+/).filter(Boolean).map(Number)];
}

/** The server's (its processes together) and the machine's CPU time so far, in ms (Linux; undefined elsewhere). */
async function cpuNow(pid: number): Promise<{ server: number; machine: number } | undefined> {
  try {
    const stats = await Promise.all((await processTree(pid)).map((p) => readFile(`/proc/${p}/stat`, 'utf8')));
    const all = await readFile('/proc/stat', 'utf8');
    return { server: stats.reduce((sum, stat) => sum + processCpuMs(stat), 0), machine: machineCpuMs(all) };
  } catch {
    return undefined;
  }
}

/** One timed round; with `overallRate`, at that many operations a second instead of flat out. */
async function runRound(target: Target, load: Load, seconds: number, overallRate?: number): Promise<Round> {
  await load.beforeRound?.();
  load.tally.done = 0;
  load.tally.failed = 0;
  const before = await cpuNow(target.pid);
  const result = await autocannon({
    url: target.url,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 10,
    requests: load.requests,
    // A fixed rate from all connections together (the half-load round); flat out otherwise. `overallRate` counts
    // HTTP requests, and an operation is the load's whole sequence of them (the code flow: authorize and token).
    ...(overallRate ? { overallRate: overallRate * load.requests.length } : {}),
  });
  const after = await cpuNow(target.pid);
  const perOp = (key: 'server' | 'machine') =>
    before && after && load.tally.done ? (after[key] - before[key]) / load.tally.done : undefined;
  return {
    serverCpuMs: perOp('server'),
    machineCpuMs: perOp('machine'),
    perSecond: load.tally.done / result.duration,
    failures: load.tally.failed + result.errors + result.timeouts,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

async function main() {
  const wanted = (process.env.BENCH_SCENARIOS ?? SCENARIOS.map((s) => s.id).join(',')).split(',');
  const scenarios = SCENARIOS.filter((s) => wanted.includes(s.id));
  const targetIds = (process.env.BENCH_TARGETS ?? 'peer,pglite,postgres,postgres2').split(',');
  const targets: Target[] = [];
  try {
    if (targetIds.includes('peer')) targets.push(await startPeer());
    if (targetIds.includes('pglite')) targets.push(await startOrbit('pglite', CONNECTIONS));
    for (const kind of ['postgres', 'postgres2'] as const) {
      if (!targetIds.includes(kind)) continue;
      try {
        targets.push(await startOrbit(kind, CONNECTIONS));
      } catch (error) {
        console.error(`Orbit on PostgreSQL (${kind}) not run: ${(error as Error).message}`);
      }
    }
    const results = new Map<ScenarioId, Map<Target['id'], Round[]>>();
    const halfLoad = new Map<ScenarioId, Map<Target['id'], { rate: number | undefined; round?: Round }>>();
    const memory = new Map<Target['id'], number>();
    for (const scenario of scenarios) {
      const loads = new Map<Target['id'], Load>();
      const rounds = new Map<Target['id'], Round[]>();
      results.set(scenario.id, rounds);
      for (const target of targets) {
        const load = await target.prepare(scenario, CONNECTIONS);
        if (!load) continue;
        loads.set(target.id, load);
        rounds.set(target.id, []);
        const warm = await runRound(target, load, WARM_UP_SECONDS);
        if (warm.failures)
          console.error(`${scenario.id} on ${target.label}: ${warm.failures} failures warming up`);
      }
      // A/B/C, A/B/C, …: drift on a shared machine hits every server alike.
      for (let i = 0; i < ROUNDS; i++) {
        for (const target of targets) {
          const load = loads.get(target.id);
          if (!load) continue;
          const round = await runRound(target, load, SECONDS);
          rounds.get(target.id)!.push(round);
          const mb = await rss(target.pid);
          if (mb !== undefined) memory.set(target.id, Math.max(memory.get(target.id) ?? 0, mb));
          console.error(
            `${scenario.id} ${target.label} round ${i + 1}: ${round.perSecond.toFixed(0)}/s, p99 ${round.p99} ms, ` +
              `${round.failures} failures, CPU ms/op server ${cpuCell(round.serverCpuMs)} machine ${cpuCell(round.machineCpuMs)}`,
          );
        }
      }
      // Then each server at half its own peak (the median round), for the p99 a server shows when not saturated.
      const half = new Map<Target['id'], { rate: number | undefined; round?: Round }>();
      halfLoad.set(scenario.id, half);
      for (const target of targets) {
        const load = loads.get(target.id);
        if (!load) continue;
        const rate = halfRate(summarize(rounds.get(target.id) ?? []));
        if (rate === undefined) {
          half.set(target.id, { rate });
          continue;
        }
        const round = await runRound(target, load, SECONDS, rate);
        half.set(target.id, { rate, round });
        console.error(
          `${scenario.id} ${target.label} at ${rate}/s: ${round.perSecond.toFixed(0)}/s, p99 ${round.p99} ms, ${round.failures} failures`,
        );
      }
    }
    print(scenarios, targets, results, halfLoad, memory);
  } finally {
    for (const target of targets) await target.stop();
  }
}

function print(
  scenarios: Scenario[],
  targets: Target[],
  results: Map<ScenarioId, Map<Target['id'], Round[]>>,
  halfLoad: Map<ScenarioId, Map<Target['id'], { rate: number | undefined; round?: Round }>>,
  memory: Map<Target['id'], number>,
) {
  const orbitTargets = targets.filter((t) => t.id !== 'peer');
  const date = new Date().toISOString().slice(0, 10);
  console.log(`## npm run bench:compare (${date})\n`);
  console.log(
    `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ` +
      `autocannon, ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s per server after a ` +
      `${WARM_UP_SECONDS} s warm-up; servers, database and load generator share the machine. Per second: the ` +
      'median round (range); p99 over every request of the median server.\n',
  );
  const header = ['scenario', 'node-oidc-provider'];
  for (const t of orbitTargets) header.push(t.label, `vs peer`);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
  for (const scenario of scenarios) {
    const rounds = results.get(scenario.id)!;
    const peer = summarize(rounds.get('peer') ?? []);
    // A server without rounds of a scenario it was started for cannot do it (Target.prepare).
    const shown = (t: Target, s: ReturnType<typeof summarize>) =>
      rounds.has(t.id) ? withP99(s) : 'cannot (not offered)';
    const peerTarget = targets.find((t) => t.id === 'peer');
    const cells = [scenario.title, peerTarget ? shown(peerTarget, peer) : 'not run'];
    for (const t of orbitTargets) {
      const orbit = summarize(rounds.get(t.id) ?? []);
      cells.push(
        shown(t, orbit),
        scenario.absolute === undefined
          ? ratioCell(ratio(orbit, peer), TARGET_RATIO)
          : absoluteCell(orbit, scenario.absolute),
      );
    }
    console.log(`| ${cells.join(' | ')} |`);
  }
  console.log('');
  console.log(
    'CPU milliseconds per operation (median round): the server process (every thread) / the whole machine ' +
      '(server, database, load generator).\n',
  );
  console.log(`| scenario | ${targets.map((t) => t.label).join(' | ')} |`);
  console.log(`| --- | ${targets.map(() => '---:').join(' | ')} |`);
  for (const scenario of scenarios) {
    const rounds = results.get(scenario.id)!;
    const cells = targets.map((t) => {
      const s = summarize(rounds.get(t.id) ?? []);
      return s.median === undefined ? '–' : `${cpuCell(s.serverCpuMs)} / ${cpuCell(s.machineCpuMs)}`;
    });
    console.log(`| ${scenario.title} | ${cells.join(' | ')} |`);
  }
  console.log('');
  console.log(
    `p99 at half of each server's peak (its median round above), one round of ${SECONDS} s at that fixed rate ` +
      `(target: under ${HALF_RATE_P99_LIMIT_MS} ms).\n`,
  );
  console.log(`| scenario | ${targets.map((t) => t.label).join(' | ')} |`);
  console.log(`| --- | ${targets.map(() => '---:').join(' | ')} |`);
  for (const scenario of scenarios) {
    const half = halfLoad.get(scenario.id);
    const cells = targets.map((t) => {
      const entry = half?.get(t.id);
      return entry ? halfRateCell(entry.round, entry.rate) : '–';
    });
    console.log(`| ${scenario.title} | ${cells.join(' | ')} |`);
  }
  console.log('');
  const mem = targets
    .map((t) => `${t.label} ${memory.has(t.id) ? `${Math.round(memory.get(t.id)!)} MB` : '–'}`)
    .join(', ');
  console.log(`Largest resident memory after a round: ${mem}.`);
}

const withP99 = (s: ReturnType<typeof summarize>) =>
  s.median === undefined ? 'not run' : `${cell(s)}, p99 ${s.p99} ms`;

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
