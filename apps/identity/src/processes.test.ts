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
    const slots = out.seen.filter(listening).map((l) => (JSON.parse(l) as { hubProcess: number }).hubProcess);
    expect(slots.sort()).toEqual([1, 2]);
    expect(childrenOf(primary.pid!)).toHaveLength(2);
  });

  it('starts a hub process that died again, and keeps serving meanwhile', async () => {
    const [victim] = childrenOf(primary.pid!);
    process.kill(victim!, 'SIGKILL');
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    await out.until((line) => line.includes('starting it again'));
    const before = out.seen.filter(listening).length;
    await out.until(() => out.seen.filter(listening).length > before);
    const now = childrenOf(primary.pid!);
    expect(now).toHaveLength(2);
    expect(now).not.toContain(victim);
    // Both serve one platform: an account made through one is there for the other.
    const signUp = await fetch(`${url}/api/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ handle: uniqueHandle(), displayName: 'Two', password: GOOD_PASSWORD }),
    });
    expect(signUp.status).toBe(201);
  }, 30_000);

  it('stops every hub process on SIGTERM, and exits 0', async () => {
    const children = childrenOf(primary.pid!);
    primary.kill('SIGTERM');
    const code = await new Promise((resolve) => primary.once('exit', resolve));
    expect(code).toBe(0);
    for (const pid of children) expect(existsSync(`/proc/${pid}`)).toBe(false);
  }, 20_000);
});
