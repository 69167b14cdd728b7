import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@orbit/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './net.js';
import { bodyOf, GOOD_PASSWORD, uniqueHandle } from './test/client.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const onPostgres = Boolean(process.env.ORBIT_TEST_DATABASE_URL);

interface HubProcess {
  url: string;
  child: ChildProcess;
  logs: Record<string, unknown>[];
}

/** Shared by both processes, as every instance over one database must share it (see README). */
const KEY_ENCRYPTION_KEY = randomBytes(32).toString('base64url');

async function spawnHub(databaseUrl: string): Promise<HubProcess> {
  const port = await freePort();
  // Each process as if on its own machine: its own data folder, the shared database and key.
  const dataDir = await mkdtemp(join(tmpdir(), 'orbit-instance-'));
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      ORBIT_DATA_DIR: dataDir,
      ORBIT_KEY_ENCRYPTION_KEY: KEY_ENCRYPTION_KEY,
      LOG_LEVEL: 'info',
      ORBIT_TRUST_PROXY: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const url = `http://localhost:${port}`;
  await new Promise<void>((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry.msg === 'hub listening') resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`hub exited with ${code}`)));
  });
  return { url, child, logs };
}

/**
 * Two hub processes over one Postgres (the deployment shape with several instances). PGlite is embedded and
 * single-process, so this only runs on Postgres (`ORBIT_TEST_DATABASE_URL`), as CI does.
 */
describe.runIf(onPostgres)('two hub processes over one Postgres', () => {
  let database: TestDatabase;
  let hubs: HubProcess[] = [];
  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build the hub first (npm run build)`);
    database = await createTestDatabase();
    hubs = await Promise.all([spawnHub(database.url!), spawnHub(database.url!)]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(
      hubs.map(
        (h) =>
          new Promise<void>((resolve) => {
            if (h.child.exitCode !== null) return resolve();
            h.child.once('exit', () => resolve());
            h.child.kill('SIGTERM');
          }),
      ),
    );
    await database?.drop();
  });

  const send = (
    hub: HubProcess,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    fetch(`${hub.url}${path}`, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json', origin: hub.url } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });

  it('applies the migrations exactly once', () => {
    const applied = hubs.flatMap((h) => h.logs.filter((l) => l.msg === 'migrations applied'));
    const upToDate = hubs.flatMap((h) => h.logs.filter((l) => l.msg === 'database schema up to date'));
    expect(applied).toHaveLength(1);
    expect(upToDate).toHaveLength(1);
  });

  it('honours a session made on one instance on the other', async () => {
    const [a, b] = hubs as [HubProcess, HubProcess];
    const signUp = await send(a, 'POST', '/api/accounts', {
      handle: uniqueHandle(),
      displayName: 'Two Hubs',
      password: GOOD_PASSWORD,
    });
    expect(signUp.status).toBe(201);
    const cookie = signUp.headers.get('set-cookie')!.split(';')[0]!;
    const me = await send(b, 'GET', '/api/me', undefined, { cookie });
    expect(me.status).toBe(200);
    expect((await bodyOf(me)).account.displayName).toBe('Two Hubs');
  });

  it('locks an account after ten wrong passwords spread over both instances', async () => {
    const [a, b] = hubs as [HubProcess, HubProcess];
    const handle = uniqueHandle();
    await send(a, 'POST', '/api/accounts', { handle, displayName: 'Target', password: GOOD_PASSWORD });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const hub = i % 2 === 0 ? a : b;
      const res = await send(
        hub,
        'POST',
        '/api/sessions',
        { identifier: handle, password: `wrong-${i}` },
        {
          'x-forwarded-for': `172.31.0.${i}`,
        },
      );
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 9)).toEqual(Array(9).fill(401));
    expect(statuses[9]).toBe(429);
    const locked = await send(a, 'POST', '/api/sessions', { identifier: handle, password: GOOD_PASSWORD });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
