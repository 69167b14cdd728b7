/**
 * `npm run bench` (Space, timeline): reading the friends timeline (`GET /api/timeline`) under load, on
 * PostgreSQL. The hub and Space run as their own processes, registered and started as `npm start` does, on a
 * fresh database on the server `DATABASE_URL` names (made here, dropped at the end). A viewer with FRIENDS
 * friends (made through the hub's API: sign-up, request, accept) is signed in to Space by single sign-on;
 * POSTS published items across OWNERS owners (the friends among them) are written by SQL (`generate_series`),
 * and the viewer's timeline rows as the fan-out writes them (one per friend's item: 40,000). Then: the most
 * pages a second (closed loop, CONCURRENCY in flight), and the latency at half that rate (open loop, timed from
 * when each request was due, so a slow answer can't hide the ones queued behind it). Printed as Markdown.
 *
 * Expects `apps/identity/dist` and `apps/space/dist` built; imports `@orbit/testing` at run time (a
 * devDependency), so it runs from a development install: `DATABASE_URL=postgres://… node
 * apps/space/dist/bench/timeline.js`.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '@orbit/db/testing';
import { freePort, HttpBrowser, signUp, uniqueHandle } from '@orbit/testing';
import { sql } from 'drizzle-orm';
import { openServiceDatabase } from '../database.js';

const FRIENDS = Number(process.env.SPACE_BENCH_FRIENDS ?? 200);
const OWNERS = 5_000;
const POSTS = Number(process.env.SPACE_BENCH_POSTS ?? 1_000_000);
/** Pages a request may start from: the first, and those after it by cursor. */
const PAGES = 50;
const CONCURRENCY = 16;
const MAX_RUN = 5_000;
const PACED_SECONDS = 10;
const PASSWORD = 'benchmark passphrase 42';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const hubEntry = join(root, 'apps/identity/dist/main.js');
const hubCli = join(root, 'apps/identity/dist/cli.js');
const spaceEntry = join(root, 'apps/space/dist/main.js');
const spaceManifest = join(root, 'apps/space/dist/manifest.js');

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/** CPU seconds a process has used (user + system), from `/proc` (Linux; 0 elsewhere). */
async function processCpu(pid: number | undefined): Promise<number> {
  if (pid === undefined) return 0;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100; // USER_HZ is 100 on Linux
}

/** CPU seconds used so far by every PostgreSQL process of this machine (the server is local). */
async function postgresCpu(): Promise<number> {
  const pids = await readdir('/proc').catch(() => [] as string[]);
  let total = 0;
  for (const pid of pids.filter((p) => /^\d+$/.test(p))) {
    const comm = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '');
    if (comm.trim() === 'postgres') total += await processCpu(Number(pid));
  }
  return total;
}

/** Where the CPU goes: seconds used so far by Space, the hub, PostgreSQL and this load generator. */
async function cpuNow(space: ChildProcess, hub: ChildProcess) {
  const own = process.cpuUsage();
  return {
    space: await processCpu(space.pid),
    hub: await processCpu(hub.pid),
    postgres: await postgresCpu(),
    client: (own.user + own.system) / 1e6,
  };
}

function startProcess(name: string, entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  // SPACE_BENCH_PROFILE=<dir>: each process writes a CPU profile there when it stops.
  const dir = process.env.SPACE_BENCH_PROFILE;
  const profile = dir ? ['--cpu-prof', '--cpu-prof-dir', dir] : [];
  const child = spawn(process.execPath, [...profile, entry], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout?.pipe(process.stderr);
  child.on('error', (error) => console.error(`bench: could not start ${name}: ${error.message}`));
  return child;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function waitReady(name: string, url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited (code ${child.exitCode}) before it was ready`);
    if (
      await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} was not ready at ${url}/readyz after 60 s`);
}

async function main() {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    // `npm run bench` runs every bench; this one is PostgreSQL's (issue 20 asks for it there).
    console.log(
      'Space timeline: skipped — set DATABASE_URL to a PostgreSQL server (it seeds a million rows).',
    );
    return;
  }
  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanup = async () => {
    for (const step of cleanups.reverse())
      await step().catch((e: unknown) => console.error('bench: cleanup:', e));
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    const dataDir = await mkdtemp(join(tmpdir(), 'orbit-bench-space-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const database = await createTestDatabase(serverUrl);
    // SPACE_BENCH_KEEP_DB=1 keeps the database afterwards (to EXPLAIN the page's queries on it; drop it by hand).
    if (process.env.SPACE_BENCH_KEEP_DB) console.error(`bench: keeping ${database.url}`);
    else cleanups.push(() => database.drop());
    const { DATABASE_URL: _unused, ...inherited } = process.env;
    const hubPort = await freePort();
    let spacePort = await freePort();
    while (spacePort === hubPort) spacePort = await freePort();
    const hubUrl = `http://localhost:${hubPort}`;
    const spaceUrl = `http://localhost:${spacePort}`;
    const common = { ...inherited, DATABASE_URL: database.url, ORBIT_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };

    const registered = spawnSync(
      process.execPath,
      [hubCli, 'services:register', spaceManifest, '--origin', spaceUrl],
      {
        cwd: root,
        encoding: 'utf8',
        env: common,
      },
    );
    if (registered.status !== 0)
      throw new Error(`services:register failed:\n${registered.stdout}${registered.stderr}`);
    const hub = startProcess('the hub', hubEntry, {
      ...common,
      PORT: String(hubPort),
      ORBIT_SIGN_UPS_PER_IP_HOUR: '0',
    });
    cleanups.push(() => stopProcess(hub));
    await waitReady('the hub', hubUrl, hub);
    const space = startProcess('Space', spaceEntry, {
      ...common,
      PORT: String(spacePort),
      ORBIT_HUB_URL: hubUrl,
      ORBIT_PUBLIC_URL: spaceUrl,
      ORBIT_CREDENTIALS_FILE: join(dataDir, 'services', 'space.json'),
    });
    cleanups.push(() => stopProcess(space));
    await waitReady('Space', spaceUrl, space);

    // The viewer and its friends, through the hub's API: each friend asks, the viewer accepts.
    const started = performance.now();
    const person = async () => {
      const browser = new HttpBrowser();
      const account = await signUp(browser, hubUrl, {
        handle: uniqueHandle('tl'),
        displayName: 'Bench',
        password: PASSWORD,
      });
      return { browser, account };
    };
    const viewer = await person();
    const friends: string[] = [];
    for (let i = 0; i < FRIENDS; i++) {
      const friend = await person();
      const sent = await friend.browser.json('POST', `${hubUrl}/api/social/requests`, {
        to: viewer.account.id,
      });
      const accepted = await viewer.browser.json(
        'POST',
        `${hubUrl}/api/social/requests/${sent.body.request.id}/accept`,
        {},
      );
      if (accepted.status !== 200) throw new Error(`accept answered ${accepted.status}`);
      friends.push(friend.account.id);
    }
    await viewer.browser.navigate(`${spaceUrl}/`);
    if ((await viewer.browser.json('GET', `${spaceUrl}/api/me`)).status !== 200)
      throw new Error('not signed in to Space');
    // The load goes through `node:http` on kept-alive connections, with the viewer's cookies: the load generator
    // shares the 2 cores with Space and PostgreSQL, and `fetch` costs it about twice the CPU a page
    // (SPACE_BENCH_CLIENT=fetch measures with `fetch`, as the first runs of this bench did).
    const cookie = [...viewer.browser.cookies(`${spaceUrl}/api/timeline`)]
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
    const headers: Record<string, string> = cookie ? { cookie } : {};
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY * 4 });
    cleanups.push(async () => agent.destroy());
    const load =
      process.env.SPACE_BENCH_CLIENT === 'fetch'
        ? async (url: string) => {
            const res = await fetch(url, { headers });
            return { status: res.status, text: await res.text() };
          }
        : (url: string) =>
            new Promise<{ status: number; text: string }>((resolve, reject) => {
              request(url, { agent, headers }, (res) => {
                const chunks: Buffer[] = [];
                res.on('data', (chunk: Buffer) => chunks.push(chunk));
                res.on('end', () =>
                  resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
                );
                res.on('error', reject);
              })
                .on('error', reject)
                .end();
            });
    const setupSeconds = (performance.now() - started) / 1000;

    // Items by SQL: owner i mod OWNERS (the friends first), one a second back from now, a fifth public.
    const seedStart = performance.now();
    const handle = await openServiceDatabase({ url: database.url, dataDir: 'memory://' });
    cleanups.push(() => handle.close());
    const db = handle.db;
    const ownerList = [
      ...friends,
      ...Array.from({ length: OWNERS - friends.length }, () => crypto.randomUUID()),
    ];
    await db.execute(sql`create temporary table bench_owners as
      select (o.ordinality - 1)::int as n, o.sub from unnest(string_to_array(${ownerList.join(',')}, ',')) with ordinality as o(sub)`);
    await db.execute(sql`insert into space.posts
      (owner_sub, kind, status, body, body_html, audience, created_at, updated_at, published_at)
      select o.sub, 'moment', 'published', 'moment ' || g, '<p>moment ' || g || '</p>',
        case when g % 5 = 0 then '{"type":"public"}'::jsonb else '{"type":"friends"}'::jsonb end,
        now() - g * interval '1 second', now() - g * interval '1 second', now() - g * interval '1 second'
      from generate_series(1, ${POSTS}::int) g join bench_owners o on o.n = g % ${OWNERS}::int`);
    await db.execute(sql`insert into space.timeline (viewer_sub, published_at, post_id, owner_sub)
      select ${viewer.account.id}, p.published_at, p.id, p.owner_sub from space.posts p
      where p.owner_sub = any(string_to_array(${friends.join(',')}, ','))`);
    await db.execute(sql`analyze space.posts`);
    await db.execute(sql`analyze space.timeline`);
    const [counted] = await db.select({ rows: sql<number>`count(*)::int` }).from(sql`space.timeline`);
    const seedSeconds = (performance.now() - seedStart) / 1000;

    // The first PAGES pages' cursors: each request reads one of them, round robin.
    const cursors: (string | null)[] = [null];
    const get = async (cursor: string | null) => {
      const { status, text } = await load(`${spaceUrl}/api/timeline${cursor ? `?cursor=${cursor}` : ''}`);
      const body = JSON.parse(text) as { items: unknown[]; next: string | null };
      if (status !== 200 || body.items.length === 0) throw new Error(`timeline answered ${status}`);
      return body;
    };
    while (cursors.length < PAGES) cursors.push((await get(cursors.at(-1) ?? null)).next);

    let failures = 0;
    let n = 0;
    const one = async () => {
      const t0 = performance.now();
      await get(cursors[n++ % PAGES] ?? null).catch(() => failures++);
      return performance.now() - t0;
    };
    // Warm-up: JIT, connection pools, the SDK's caches of the viewer's relationships and the authors' cards.
    for (let i = 0; i < 500; i++) await one();

    failures = 0;
    const cpuBefore = await cpuNow(space, hub);
    const closedStart = performance.now();
    const closed: number[] = [];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (closed.length < MAX_RUN) closed.push(await one());
      }),
    );
    const closedSeconds = (performance.now() - closedStart) / 1000;
    const maxRate = closed.length / closedSeconds;
    const cpuAfter = await cpuNow(space, hub);
    const cpuPerPage = (key: keyof typeof cpuAfter) =>
      (((cpuAfter[key] - cpuBefore[key]) * 1000) / closed.length).toFixed(2);
    closed.sort((a, b) => a - b);

    // Open loop at half the maximum: each request is timed from when it was due.
    const rate = maxRate / 2;
    const total = Math.round(rate * PACED_SECONDS);
    const paced: number[] = [];
    const pacedStart = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = pacedStart + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      inFlight.push(
        get(cursors[i % PAGES] ?? null).then(
          () => void paced.push(performance.now() - due),
          () => void failures++,
        ),
      );
    }
    await Promise.all(inFlight);
    paced.sort((a, b) => a - b);

    console.log(
      `\n### Space timeline — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}\n`,
    );
    console.log(
      `PostgreSQL; ${POSTS.toLocaleString('en')} items across ${OWNERS} owners; a viewer with ${FRIENDS} friends`,
    );
    console.log(`(${counted?.rows ?? '?'} timeline rows); pages of 20 from the first ${PAGES}.`);
    console.log(
      `Set-up: accounts and friendships ${setupSeconds.toFixed(0)} s, seeding ${seedSeconds.toFixed(0)} s.\n`,
    );
    console.log('| run | requests | pages/s | p50 ms | p99 ms | failures |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
    console.log(
      `| max (${CONCURRENCY} in flight) | ${closed.length} | ${maxRate.toFixed(0)} | ${percentile(closed, 50).toFixed(2)} | ${percentile(closed, 99).toFixed(2)} | — |`,
    );
    console.log(
      `| paced at ${rate.toFixed(0)}/s | ${paced.length} | ${rate.toFixed(0)} | ${percentile(paced, 50).toFixed(2)} | ${percentile(paced, 99).toFixed(2)} | ${failures} |`,
    );
    console.log(
      `\nCPU per page at the maximum (ms): Space ${cpuPerPage('space')}, PostgreSQL ${cpuPerPage('postgres')}, ` +
        `hub ${cpuPerPage('hub')}, this load generator ${cpuPerPage('client')} ` +
        `(${cpus().length} cores = ${((cpus().length * closedSeconds * 1000) / closed.length).toFixed(2)} ms of CPU a page).`,
    );
  } finally {
    await cleanup();
  }
}

await main();
