import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '@orbit/db/testing';
import { freePort } from '@orbit/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, loadServiceConfig, openServiceDatabase, STOP_LIMIT_MS } from './server.js';

const manifest = { id: 'notes', defaultPort: 4190, name: 'Notes' };

describe('loadServiceConfig', () => {
  it('runs on the manifest’s port beside a hub on localhost:4000, with data under ./.orbit/data', () => {
    const config = loadServiceConfig(manifest, {});
    expect(config).toEqual({
      port: 4190,
      host: undefined,
      hubUrl: 'http://localhost:4000',
      publicUrl: 'http://localhost:4190',
      credentialsFile: resolve('.orbit/data/services/notes.json'),
      databaseUrl: undefined,
      pgliteDir: resolve('.orbit/data/notes'),
      logLevel: 'info',
      logFormat: 'json',
      stopDrainMs: 0,
      own: {},
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('takes what npm start sets, treats an empty variable as unset, and reads the service’s own', () => {
    const config = loadServiceConfig(
      manifest,
      {
        PORT: '5000',
        ORBIT_HUB_URL: 'https://orbit.example/',
        ORBIT_DATA_DIR: '/srv/orbit',
        DATABASE_URL: '',
        NOTES_PER_PAGE: '20',
      },
      { NOTES_PER_PAGE: z.coerce.number().int().positive().default(50) },
    );
    expect(config).toMatchObject({
      port: 5000,
      publicUrl: 'http://localhost:5000',
      hubUrl: 'https://orbit.example',
      credentialsFile: '/srv/orbit/services/notes.json',
      databaseUrl: undefined,
      pgliteDir: '/srv/orbit/notes',
      own: { NOTES_PER_PAGE: 20 },
    });
  });

  it('keeps an in-memory database in memory, with no credentials file unless one is named', () => {
    expect(loadServiceConfig(manifest, { ORBIT_DATA_DIR: 'memory://' })).toMatchObject({
      pgliteDir: 'memory://',
      credentialsFile: undefined,
    });
    expect(
      loadServiceConfig(manifest, { ORBIT_DATA_DIR: 'memory://', ORBIT_CREDENTIALS_FILE: '/tmp/n.json' })
        .credentialsFile,
    ).toBe('/tmp/n.json');
  });

  it('fails naming the variable to fix', () => {
    expect(() => loadServiceConfig(manifest, { DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    expect(() => loadServiceConfig(manifest, { ORBIT_HUB_URL: 'ftp://hub' })).toThrow(/ORBIT_HUB_URL/);
    expect(() => loadServiceConfig(manifest, { PORT: 'eighty' })).toThrow(/PORT/);
    expect(() =>
      loadServiceConfig(manifest, { NOTES_PER_PAGE: '0' }, { NOTES_PER_PAGE: z.coerce.number().positive() }),
    ).toThrow(/NOTES_PER_PAGE/);
  });
});

describe('openServiceDatabase', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'orbit-sdk-migrations-'));
    await mkdir(join(dir, 'meta'));
    await writeFile(
      join(dir, 'meta', '_journal.json'),
      JSON.stringify({ entries: [{ idx: 0, tag: '0000_create_notes' }] }),
    );
    await writeFile(
      join(dir, '0000_create_notes.sql'),
      'create schema notes_t;\n--> statement-breakpoint\ncreate table notes_t.notes (id int);',
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('applies the service’s migrations once, on PGlite or PostgreSQL, and says which', async () => {
    const database = await createTestDatabase();
    const config = { databaseUrl: database.url, pgliteDir: 'memory://' };
    const logged: unknown[] = [];
    const logger = { info: (details: unknown) => void logged.push(details) };
    try {
      const first = await openServiceDatabase({ id: 'notes-t', config, schema: {}, migrations: dir, logger });
      expect(first.applied).toEqual(['0000_create_notes']);
      await first.db.execute(sql`insert into notes_t.notes values (1)`);
      // PGlite in memory starts empty each time; PostgreSQL keeps what was applied.
      if (database.url) {
        await first.close();
        const again = await openServiceDatabase({ id: 'notes-t', config, schema: {}, migrations: dir });
        expect(again.applied).toEqual([]);
        await again.close();
      } else {
        await first.close();
      }
      expect(logged[0]).toMatchObject({ applied: ['0000_create_notes'] });
    } finally {
      await database.drop();
    }
  });
});

describe('runService', () => {
  const SCRIPT = `
import { runService, loadServiceConfig } from ${JSON.stringify(fileURLToPath(new URL('../dist/server.js', import.meta.url)))};
const manifest = { id: 'notes', name: 'Notes', defaultPort: 4190 };
await runService({
  manifest,
  loadConfig: () => loadServiceConfig(manifest),
  async start(config, logger, { stopping }) {
    console.log('starting');
    if (process.env.START_MS) await new Promise((r) => setTimeout(r, Number(process.env.START_MS)));
    return {
      async fetch(request) {
        const path = new URL(request.url).pathname;
        if (path === '/readyz') return new Response(stopping() ? 'stopping' : 'ready', { status: stopping() ? 503 : 200 });
        if (path === '/slow') await new Promise((r) => setTimeout(r, 500));
        return new Response('ok');
      },
      stop: () => {
        console.log('stopped');
        // A close that never ends (a stuck database): the process must not wait for it forever.
        if (process.env.STOP_HANGS) return new Promise(() => {});
      },
    };
  },
});
`;
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
  });

  const run = async (env: Record<string, string>) => {
    const dir = await mkdtemp(join(tmpdir(), 'orbit-run-service-'));
    const file = join(dir, 'main.mjs');
    await writeFile(file, SCRIPT);
    const proc = spawn(process.execPath, [file], { env: { ...process.env, LOG_LEVEL: 'info', ...env } });
    let out = '';
    proc.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    proc.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const exited = new Promise<number | null>((done) => proc.once('exit', (code) => done(code)));
    return { proc, output: () => out, exited, cleanup: () => rm(dir, { recursive: true, force: true }) };
  };

  /** Starts the script on a free port and waits until it listens. */
  const listening = async (env: Record<string, string> = {}) => {
    const port = await freePort();
    const started = await run({ PORT: String(port), ...env });
    child = started.proc;
    const deadline = Date.now() + 15_000;
    while (!started.output().includes('is listening') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    return { ...started, url: `http://localhost:${port}` };
  };

  it('serves, and on SIGTERM finishes the request in flight before it stops', async () => {
    const started = await listening();
    expect(await (await fetch(`${started.url}/`)).text()).toBe('ok');
    const slow = fetch(`${started.url}/slow`).then((r) => r.text());
    await new Promise((r) => setTimeout(r, 100));
    started.proc.kill('SIGTERM');
    expect(await slow).toBe('ok');
    expect(await started.exited).toBe(0);
    expect(started.output()).toContain('stopped');
    await started.cleanup();
  });

  it('on SIGTERM answers readiness 503 first, and keeps serving for the drain before it stops', async () => {
    const started = await listening({ ORBIT_STOP_DRAIN_SECONDS: '1' });
    expect((await fetch(`${started.url}/readyz`)).status).toBe(200);
    const signalled = Date.now();
    started.proc.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    // Still listening, but no longer ready: a balancer stops sending while requests still get answers.
    const ready = await fetch(`${started.url}/readyz`);
    expect([ready.status, await ready.text()]).toEqual([503, 'stopping']);
    expect(await (await fetch(`${started.url}/slow`)).text()).toBe('ok');
    expect(await started.exited).toBe(0);
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(1_000);
    expect(started.output()).toMatch(/stopping: \/readyz answers 503/);
    await started.cleanup();
  });

  it('exits 1 ten seconds after SIGTERM when stopping does not end', async () => {
    const started = await listening({ STOP_HANGS: '1' });
    const signalled = Date.now();
    started.proc.kill('SIGTERM');
    expect(await started.exited).toBe(1);
    const took = Date.now() - signalled;
    expect(took).toBeGreaterThanOrEqual(STOP_LIMIT_MS);
    expect(took).toBeLessThan(STOP_LIMIT_MS + 5_000);
    expect(started.output()).toContain('did not stop within 10 s; exiting');
    await started.cleanup();
  }, 30_000);

  it('listens before it starts: alive but not ready while start runs, then serving', async () => {
    const port = await freePort();
    const started = await run({ PORT: String(port), START_MS: '1500' });
    child = started.proc;
    const url = `http://localhost:${port}`;
    const deadline = Date.now() + 15_000;
    let early: Response | undefined;
    while (!early && Date.now() < deadline) {
      early = await fetch(`${url}/readyz`).catch(() => undefined);
      if (!early) await new Promise((r) => setTimeout(r, 20));
    }
    expect(started.output()).not.toContain('is listening');
    expect(early?.status).toBe(503);
    expect(early?.headers.get('retry-after')).toBe('1');
    expect(await early?.json()).toEqual({ error: { code: 'service.starting', message: expect.any(String) } });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    while (!started.output().includes('is listening') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await (await fetch(`${url}/readyz`)).text()).toBe('ready');
    started.proc.kill('SIGTERM');
    expect(await started.exited).toBe(0);
    await started.cleanup();
  });

  it('exits 1 before it starts when another program holds its port, saying so', async () => {
    const squatter = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => squatter.listen(0, resolve));
    const { port } = squatter.address() as AddressInfo;
    try {
      const started = await run({ PORT: String(port) });
      expect(await started.exited).toBe(1);
      expect(started.output()).toContain(`Notes could not start: port ${port} is in use by another program`);
      // The database would have been opened (and migrated) in start: it never ran.
      expect(started.output()).not.toContain('starting');
      expect(started.output()).not.toContain('    at ');
      await started.cleanup();
    } finally {
      await new Promise<void>((resolve) => squatter.close(() => resolve()));
    }
  });

  it('exits 2 with the variable to fix when the configuration is wrong, without a stack trace', async () => {
    const started = await run({ ORBIT_HUB_URL: 'ftp://hub' });
    expect(await started.exited).toBe(2);
    expect(started.output()).toMatch(/^Notes could not start: Invalid configuration — ORBIT_HUB_URL/);
    expect(started.output()).not.toContain('    at ');
    await started.cleanup();
  });
});
