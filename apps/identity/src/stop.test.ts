import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@orbit/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './net.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/**
 * A graceful stop (issue 18), on the built hub as `npm start` runs it: on SIGTERM `/readyz` answers 503 at once
 * while the hub still serves for `ORBIT_STOP_DRAIN_SECONDS`, a request in flight when the listener closes is
 * answered, not reset, and the process exits 0 well within 10 s.
 */
describe('stopping the hub on SIGTERM', () => {
  let database: TestDatabase;
  let dataDir: string;
  let hub: ChildProcess;
  let url: string;
  let output = '';

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npm run build)`);
    database = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'orbit-stop-'));
    const port = await freePort();
    url = `http://localhost:${port}`;
    hub = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        PORT: String(port),
        ORBIT_DATA_DIR: dataDir,
        ORBIT_STOP_DRAIN_SECONDS: '1.5',
        LOG_LEVEL: 'info',
        LOG_FORMAT: 'json',
        ...(database.url ? { DATABASE_URL: database.url } : { DATABASE_URL: '' }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    hub.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    hub.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    for (let i = 0; ; i++) {
      const ready = await fetch(`${url}/readyz`).catch(() => undefined);
      if (ready?.ok) break;
      if (i > 600 || hub.exitCode !== null) throw new Error(`the hub did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 90_000);

  afterAll(async () => {
    if (hub.exitCode === null) hub.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
    await database.drop();
  });

  it('answers 503 at /readyz first, finishes a request in flight, and exits 0 within 10 s', async () => {
    const exited = new Promise<number | null>((resolve) => hub.once('exit', resolve));
    // A request in flight across the stop: its body arrives slowly, the last of it after the listener closed.
    const body = ['{"identifier":"nobody","pass', 'word":"not the password"}'];
    const inFlight = new Promise<number>((resolve, reject) => {
      const req = request(`${url}/api/sessions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: url,
          'content-length': String(Buffer.byteLength(body.join(''))),
        },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write(body[0]);
      setTimeout(() => req.end(body[1]), 2_500);
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stoppedAt = Date.now();
    hub.kill('SIGTERM');

    // Readiness turns at once; the hub still answers everything else while it drains.
    let readiness = 200;
    for (let i = 0; i < 20 && readiness === 200; i++) {
      readiness = (await fetch(`${url}/readyz`)).status;
    }
    expect(readiness).toBe(503);
    expect(await (await fetch(`${url}/readyz`)).json()).toMatchObject({ status: 'stopping' });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    // The slow request gets its answer (a refused sign-in), not a reset connection.
    expect(await inFlight).toBe(401);
    expect(await exited).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(1_500);
    expect(output).toContain('stopping: /readyz answers 503');
  }, 30_000);
});
