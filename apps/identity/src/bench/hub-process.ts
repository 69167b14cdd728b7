/**
 * A hub for one bench run, as production runs it: its own process (or `ORBIT_HUB_PROCESSES` of them), on embedded
 * PGlite or on a fresh database on the PostgreSQL server `DATABASE_URL` names (made here, dropped by `close`).
 * `ORBIT_BENCH_PROFILE=<dir>` writes the hub's CPU profile there (`node --cpu-prof`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@orbit/db/testing';
import { accounts } from '../db/schema.js';
import type { IdentityDb } from '../kernel/db.js';
import { freePort } from '../net.js';

export interface BenchHub {
  url: string;
  /** The environment the hub starts with: pass it to `beforeHubStarts` to write data first. */
  env: NodeJS.ProcessEnv;
  /** The database made for the run; undefined on PGlite. */
  database: TestDatabase | undefined;
  /** How many hub processes serve (`ORBIT_HUB_PROCESSES`). */
  processes: number;
  /** Starts the hub and waits until it is ready (30 s at most). */
  start(): Promise<ChildProcess>;
  /** Stops the hub (if started), removes its data directory and drops its database. */
  close(): Promise<void>;
}

/** Where a hub for `name`'s bench will run; nothing starts until `start()`. */
export async function benchHub(name: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<BenchHub> {
  const database = process.env.DATABASE_URL ? await createTestDatabase(process.env.DATABASE_URL) : undefined;
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const dataDir = await mkdtemp(join(tmpdir(), `orbit-bench-${name}-`));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    ORBIT_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ORBIT_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
    ...extraEnv,
  };
  if (database) env.DATABASE_URL = database.url;
  else delete env.DATABASE_URL;
  let hub: ChildProcess | undefined;
  return {
    url,
    env,
    database,
    processes: Number(env.ORBIT_HUB_PROCESSES ?? 1),
    async start() {
      const profile = process.env.ORBIT_BENCH_PROFILE;
      hub = spawn(
        process.execPath,
        [
          ...(profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : []),
          fileURLToPath(new URL('../main.js', import.meta.url)),
        ],
        { env, stdio: ['ignore', 'ignore', 'inherit'] },
      );
      for (let i = 0; ; i++) {
        const ready = await fetch(`${url}/readyz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ready) return hub;
        if (hub.exitCode !== null)
          throw new Error(`the hub exited (code ${hub.exitCode}) before it was ready`);
        if (i >= 300) throw new Error(`the hub was not ready at ${url}/readyz after 30 s`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async close() {
      const running = hub;
      if (running && running.exitCode === null && running.signalCode === null) {
        await new Promise<void>((resolve) => {
          running.once('exit', () => resolve());
          running.kill('SIGTERM');
        });
      }
      await rm(dataDir, { recursive: true, force: true });
      await database?.drop();
    },
  };
}

/** A `client_credentials` access token of `clientId` for `scope`, from the hub at `url`. */
export async function clientCredentialsToken(
  url: string,
  clientId: string,
  secret: string,
  scope: string,
): Promise<string> {
  const res = await fetch(`${url}/oidc/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope }),
  });
  if (!res.ok) throw new Error(`bench: client_credentials answered ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** What the run ran on, for the line under a bench's heading: `load1` is the load average as the run began. */
export function machineLine(hub: Pick<BenchHub, 'database' | 'processes'>, load1: number): string {
  const model = cpus()[0]?.model ?? 'unknown CPU';
  const where = hub.database ? 'PostgreSQL (a fresh database on the DATABASE_URL server)' : 'embedded PGlite';
  const processes = `${hub.processes} hub process${hub.processes === 1 ? '' : 'es'}`;
  return `Machine: ${cpus().length} × ${model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; database: ${where}; ${processes}; load average ${load1.toFixed(1)} when the run began.`;
}

/** Inserted this many rows at a time. */
export const CHUNK = 500;

/**
 * Writes accounts with `ids` straight into the hub's table (sign-ups would measure argon2): numbered from
 * `firstNumber`, handles `<prefix><i>x<time>`. None can sign in with a password.
 */
export async function writeBenchAccounts(
  db: IdentityDb,
  ids: string[],
  prefix: string,
  firstNumber: number,
): Promise<void> {
  const now = new Date();
  const people = ids.map((id, i) => ({
    id,
    accountNumber: firstNumber + i,
    handle: `${prefix}${i}x${now.getTime().toString(36)}`,
    displayName: `Bench ${i}`,
    passwordHash: '!',
    passwordChangedAt: now,
    createdAt: now,
    updatedAt: now,
  }));
  for (let i = 0; i < people.length; i += CHUNK) await db.insert(accounts).values(people.slice(i, i + CHUNK));
}

/** Prints a bench's results as Markdown for docs/performance.md: heading, machine, table, CPU and notes. */
export function printResults(
  title: string,
  hub: Pick<BenchHub, 'database' | 'processes'>,
  load1: number,
  rows: string[],
  cpu: string,
  notes: string[],
): void {
  const on = hub.database ? 'PostgreSQL' : 'embedded PGlite';
  console.log(`### ${title} on ${on} (${new Date().toISOString().slice(0, 10)})`);
  console.log(`\n${machineLine(hub, load1)}\n`);
  console.log('| operation | requests | concurrency | per second | p50 ms | p99 ms | failures |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(r);
  console.log(`\n${cpu}`);
  console.log(`\n${notes.join(' ')}`);
}
