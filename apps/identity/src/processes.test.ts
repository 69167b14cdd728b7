import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@orbit/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './net.js';
import { GOOD_PASSWORD, uniqueHandle } from './test/client.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const onPostgres = Boolean(process.env.ORBIT_TEST_DATABASE_URL);

/** Lines of a process's output, as they come, with a way to wait for one. */
function lines(child: ChildProcess) {
  const seen: string[] = [];
  const waiters: { test: (line: string) => boolean; resolve: () => void }[] = [];
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts) {
      seen.push(line);
      for (const w of waiters.filter((w) => w.test(line))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  return {
    seen,
    until: (test: (line: string) => boolean) =>
      seen.some(test) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ test, resolve })),
  };
}

const childrenOf = (pid: number) =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);

/**
 * `ORBIT_HUB_PROCESSES=2`: two hubs sharing one port through node:cluster. PostgreSQL only (the embedded database
 * belongs to one process; config.test.ts checks the refusal), as CI's PostgreSQL run does.
 */
describe.runIf(onPostgres)('several hub processes on one machine (ORBIT_HUB_PROCESSES)', () => {
  let database: TestDatabase;
  let primary: ChildProcess;
  let out: ReturnType<typeof lines>;
  let url: string;
  const listening = (line: string) => line.includes('"msg":"hub listening"');
  const listeningLogs = () =>
    out.seen.filter(listening).map((line) => JSON.parse(line) as { hubProcess: number; pid: number });

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build the hub first (npm run build)`);
    database = await createTestDatabase();
    const port = await freePort();
    url = `http://localhost:${port}`;
    primary = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: database.url,
        ORBIT_DATA_DIR: await mkdtemp(join(tmpdir(), 'orbit-processes-')),
        ORBIT_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
        ORBIT_HUB_PROCESSES: '2',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    out = lines(primary);
    await out.until((line) => line.startsWith('Orbit hub: '));
    // The primary hears "ready" by IPC; each hub's own log line comes down the shared stdout, in its own time.
    await out.until(() => listeningLogs().length === 2);
  }, 60_000);
  afterAll(async () => {
    if (primary && primary.exitCode === null) {
      primary.kill('SIGTERM');
      await new Promise((resolve) => primary.once('exit', resolve));
    }
    await database?.drop();
  });

  it('announces the hub once, with one setup link, when both processes serve', async () => {
    await out.until((line) => line.startsWith('╰')); // the setup link's frame ends
    expect(out.seen.filter((l) => l.startsWith('Orbit hub: '))).toEqual([`Orbit hub: ${url} (2 processes)`]);
    expect(out.seen.filter((l) => l.includes('/setup?token='))).toHaveLength(1);
    const logs = listeningLogs();
    expect(logs.map((l) => l.hubProcess).sort()).toEqual([1, 2]);
    expect(childrenOf(primary.pid!).sort()).toEqual(logs.map((l) => l.pid).sort());
  });

  it('starts a hub process that died again, and keeps serving meanwhile', async () => {
    const [victim] = childrenOf(primary.pid!);
    const slot = listeningLogs().find((l) => l.pid === victim)!.hubProcess;
    process.kill(victim!, 'SIGKILL');
    // Once the primary knows (a connection it hands to a process in the instant of its death can be lost:
    // node:cluster's round robin), the other process serves alone until the new one is up.
    await out.until((line) => line.includes('starting it again'));
    const health = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) });
    expect(health.status).toBe(200);
    // The same slot again, in a new process.
    await out.until(() => listeningLogs().some((l) => l.hubProcess === slot && l.pid !== victim));
    const now = childrenOf(primary.pid!);
    expect(now).toHaveLength(2);
    expect(now).not.toContain(victim);
    // Both serve one platform: an account made through one is there for the other.
    const signUp = await fetch(`${url}/api/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ handle: uniqueHandle(), displayName: 'Two', password: GOOD_PASSWORD }),
      signal: AbortSignal.timeout(10_000),
    });
    expect(signUp.status).toBe(201);
  }, 60_000);

  it('stops every hub process on SIGTERM, and exits 0', async () => {
    const children = childrenOf(primary.pid!);
    primary.kill('SIGTERM');
    const code = await new Promise((resolve) => primary.once('exit', resolve));
    expect(code).toBe(0);
    for (const pid of children) expect(existsSync(`/proc/${pid}`)).toBe(false);
  }, 20_000);
});
