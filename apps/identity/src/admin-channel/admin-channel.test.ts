import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createTestDatabase, type TestDatabase } from '@orbit/db/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config, loadConfig } from '../config.js';
import type { ClientView } from '../oidc/index.js';
import { type RunningHub, startHub } from '../server.js';
import { TEST_ICON } from '../services/testkit.js';
import { hubDatabaseTemplate } from '../template.js';
import { GOOD_PASSWORD, uniqueHandle } from '../test/client.js';
import { sendToHub } from './client.js';
import { type AdminChannel, AdminChannelError, openAdminChannel, openHubAdminChannel } from './index.js';
import { MAX_REQUEST_BYTES } from './protocol.js';

function collector() {
  const chunks: string[] = [];
  return { write: (text: string) => chunks.push(text), text: () => chunks.join('') };
}

/** Connects without the client, writes `payload` as is, and collects the hub's answer lines until it closes. */
function rawExchange(path: string, payload: string | undefined): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(path);
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () =>
      resolve(
        text
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as Record<string, unknown>),
      ),
    );
    if (payload !== undefined) socket.write(payload);
  });
}

/** Leaves a socket file behind with nothing listening, as a hub killed with SIGKILL would. */
async function staleSocket(path: string): Promise<void> {
  const child = spawn(process.execPath, [
    '-e',
    `require('node:net').createServer().listen(${JSON.stringify(path)}, () => process.kill(process.pid, 'SIGKILL'))`,
  ]);
  await new Promise((resolve) => child.once('exit', resolve));
  expect((await stat(path)).isSocket()).toBe(true);
}

describe('the admin channel of a running hub', () => {
  let database: TestDatabase;
  let dataDir: string;
  let config: Config;
  let hub: RunningHub;
  let channel: AdminChannel;
  const logged: Record<string, unknown>[] = [];
  let clientSecret = '';

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'orbit-channel-'));
    config = loadConfig({
      PORT: '0',
      ORBIT_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      ...(database.url ? { DATABASE_URL: database.url } : {}),
    });
    hub = await startHub(config, { loadDataDir: database.url ? undefined : await hubDatabaseTemplate() });
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logged.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    const opened = await openHubAdminChannel(hub, config, pino({ level: 'info' }, sink));
    if (!opened) throw new Error('the admin channel did not open');
    channel = opened;
  });
  afterAll(async () => {
    await channel?.close();
    await hub?.close();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Runs a command line through the channel, as `npm run orbit` does while the hub runs. */
  async function cli(argv: string[], cwd = dataDir) {
    const out = collector();
    const err = collector();
    const code = await sendToHub(channel.path, { argv, cwd, user: 'ops-tester' }, { out, err });
    return { code, out: out.text(), err: err.text() };
  }

  it('listens on <ORBIT_DATA_DIR>/run/hub.sock: a 0600 socket in a 0700 directory of the hub’s user', async () => {
    expect(channel.path).toBe(join(dataDir, 'run', 'hub.sock'));
    const socket = await stat(channel.path);
    expect(socket.isSocket()).toBe(true);
    expect(socket.mode & 0o777).toBe(0o600);
    expect(socket.uid).toBe(process.getuid?.());
    const dir = await stat(join(dataDir, 'run'));
    expect(dir.mode & 0o777).toBe(0o700);
    expect(dir.uid).toBe(process.getuid?.());
  });

  it('runs commands in the hub while it holds the database, and resolves files against the CLI’s directory', async () => {
    expect(await cli(['services:list'])).toMatchObject({ code: 0, out: '' });

    // The manifest lives in the CLI's directory and is named relative to it: the hub must not look in its own.
    const cwd = await mkdtemp(join(tmpdir(), 'orbit-channel-cwd-'));
    const manifest = {
      id: 'news',
      name: 'News',
      description: 'Stories from the Orbit team.',
      icon: TEST_ICON,
      defaultPort: 4199,
      scopes: ['openid', 'profile'],
    };
    await writeFile(join(cwd, 'manifest.mjs'), `export const manifest = ${JSON.stringify(manifest)};\n`);
    const registered = await cli(['services:register', 'manifest.mjs'], cwd);
    expect(registered, registered.err).toMatchObject({ code: 0 });
    expect(registered.out).toMatch(/^news: created at http:\/\/localhost:4199; credentials written to /);
    expect((await cli(['services:register', join(cwd, 'manifest.mjs')], '/')).out).toMatch(
      /^news: unchanged/,
    );
    await rm(cwd, { recursive: true, force: true });

    const listed = await cli(['services:list', '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.out)).toEqual([expect.objectContaining({ id: 'news', name: 'News' })]);
    // The same registry the hub serves: the launcher lists it at once.
    expect((await hub.services.serviceRegistry.list()).map((s) => s.id)).toEqual(['news']);
  });

  it('prints a created client as JSON on stdout and its note on stderr', async () => {
    const created = await cli([
      'clients:create',
      '--name',
      'Reports',
      '--id',
      'reports',
      '--grant',
      'client_credentials',
      '--scope',
      'accounts:read',
    ]);
    expect(created.code, created.err).toBe(0);
    const client = JSON.parse(created.out) as ClientView & { clientSecret: string };
    expect(client).toMatchObject({ clientId: 'reports', name: 'Reports', type: 'confidential' });
    expect(client.clientSecret).toEqual(expect.any(String));
    clientSecret = client.clientSecret;
    expect(created.err).toMatch(/shown only this once/);
    expect(await hub.services.clients.get('reports')).toMatchObject({ name: 'Reports' });
  });

  it('audits what the CLI changes, with the OS user it sent and via cli', async () => {
    expect((await cli(['services:disable', 'news'])).code).toBe(0);
    expect((await cli(['services:enable', 'news'])).code).toBe(0);
    expect((await cli(['keys:rotate'])).code).toBe(0);
    const { entries } = await hub.services.audit.search({ actor: 'ops-tester' });
    expect(entries.map((e) => e.action)).toEqual([
      'key.rotated',
      'service.enabled',
      'service.disabled',
      'client.created',
      'service.registered',
    ]);
    for (const entry of entries) {
      expect(entry.actor).toEqual({ accountId: null, label: 'ops-tester', via: 'cli' });
    }
    expect(entries.at(-1)).toMatchObject({
      target: { type: 'service', id: 'news', label: 'News' },
      details: { status: 'created', origin: 'http://localhost:4199' },
    });
    // Registering the same manifest again changed nothing, and recorded nothing; no secret is ever recorded.
    expect(JSON.stringify(entries)).not.toContain(clientSecret);
  });

  it('answers 2 for a wrong command line, 1 for a failed command, 0 and a note for migrate', async () => {
    const unknown = await cli(['clients:frobnicate']);
    expect(unknown).toMatchObject({ code: 2, out: '' });
    expect(unknown.err).toMatch(/Unknown command: clients:frobnicate/);
    expect((await cli(['clients:show'])).code).toBe(2);

    expect(await cli(['migrate'])).toEqual({
      code: 0,
      out: '',
      err: 'The hub is running: it applied its migrations when it started.\n',
    });

    const failed = await cli(['clients:show', 'no-such-client']);
    expect(failed).toMatchObject({ code: 1, out: '' });
    expect(failed.err).toMatch(/^clients:show: no client no-such-client/);
    expect(failed.err).not.toMatch(/\n\s+at /);
  });

  it('logs each command by name, with the OS user and exit code, never its arguments', async () => {
    await cli(['clients:show', 'secret-looking-argument']);
    const entry = logged.findLast((line) => line.msg === 'cli command');
    expect(entry).toMatchObject({ command: 'clients:show', user: 'ops-tester', exit: 1 });
    expect(JSON.stringify(logged)).not.toContain('secret-looking-argument');
  });

  it('prints the setup link the hub printed while it is valid, and says so once an admin exists', async () => {
    expect(hub.setupUrl).toBeDefined();
    const first = await cli(['setup:link']);
    expect(first).toMatchObject({ code: 0, out: `${hub.setupUrl}\n`, err: '' });
    expect((await cli(['setup:link'])).out).toBe(first.out);

    const response = await fetch(`${hub.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: hub.url },
      body: JSON.stringify({
        token: new URL(hub.setupUrl!).searchParams.get('token'),
        handle: uniqueHandle('admin'),
        displayName: 'Admin',
        password: GOOD_PASSWORD,
      }),
    });
    expect(response.status).toBe(201);
    const after = await cli(['setup:link']);
    expect(after).toMatchObject({ code: 1, out: '' });
    expect(after.err).toMatch(/An admin account already exists/);
  });

  it('refuses a request larger than the cap, a malformed one, and one that never comes', async () => {
    const large = await rawExchange(channel.path, 'x'.repeat(MAX_REQUEST_BYTES + 10));
    expect(large.at(-1)).toEqual({ type: 'exit', code: 2 });
    expect(large[0]).toMatchObject({ type: 'err', text: expect.stringMatching(/larger than 65536 bytes/) });

    const malformed = await rawExchange(channel.path, '{"v":1,"argv":"services:list"}\n');
    expect(malformed.at(-1)).toEqual({ type: 'exit', code: 2 });
    expect(malformed[0]?.text).toMatch(/malformed request/);
    const relative = await rawExchange(
      channel.path,
      `${JSON.stringify({ v: 1, argv: ['services:list'], cwd: 'relative/dir', user: 'x' })}\n`,
    );
    expect(relative.at(-1)).toEqual({ type: 'exit', code: 2 });

    const dir = await mkdtemp(join(tmpdir(), 'orbit-channel-slow-'));
    const slow = await openAdminChannel({
      path: join(dir, 'hub.sock'),
      hub: { services: hub.services, config },
      logger: pino({ level: 'silent' }),
      requestTimeoutMs: 200,
    });
    try {
      const silent = await rawExchange(slow.path, undefined);
      expect(silent).toEqual([
        { type: 'err', text: 'orbit: no request within 0.2 s\n' },
        { type: 'exit', code: 2 },
      ]);

      // Eight connections at once at most: a ninth is closed at once, and the CLI says why.
      const idle = Array.from({ length: 8 }, () => rawExchange(slow.path, undefined));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const busy = sendToHub(
        slow.path,
        { argv: ['help'], cwd: dir, user: 'x' },
        { out: collector(), err: collector() },
      );
      await expect(busy).rejects.toThrow(/closed the admin channel at once/);
      await Promise.all(idle);
      const out = collector();
      expect(
        await sendToHub(slow.path, { argv: ['help'], cwd: dir, user: 'x' }, { out, err: collector() }),
      ).toBe(0);
    } finally {
      await slow.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('replaces a stale socket from a crashed hub, and refuses a live one or a file that is not a socket', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orbit-channel-stale-'));
    const path = join(dir, 'hub.sock');
    const open = () =>
      openAdminChannel({ path, hub: { services: hub.services, config }, logger: pino({ level: 'silent' }) });
    try {
      await staleSocket(path);
      // No hub answers a stale socket: the CLI would open the database itself.
      expect(
        await sendToHub(
          path,
          { argv: ['help'], cwd: dir, user: 'x' },
          { out: collector(), err: collector() },
        ),
      ).toBeUndefined();
      const replaced = await open();
      const out = collector();
      expect(await sendToHub(path, { argv: ['help'], cwd: dir, user: 'x' }, { out, err: collector() })).toBe(
        0,
      );
      expect(out.text()).toMatch(/^Usage: npm run orbit -- <command>/);

      await expect(open()).rejects.toThrow(/another hub already answers/);
      await replaced.close();
      await expect(stat(path)).rejects.toMatchObject({ code: 'ENOENT' });

      await writeFile(path, 'not a socket');
      await expect(open()).rejects.toThrow(AdminChannelError);
      await expect(open()).rejects.toThrow(/is not a socket/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('does not open where others can write, and makes its own directory 0700', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orbit-channel-open-'));
    const open = (path: string) =>
      openAdminChannel({ path, hub: { services: hub.services, config }, logger: pino({ level: 'silent' }) });
    try {
      await mkdir(join(dir, 'data'));
      await chmod(join(dir, 'data'), 0o777);
      await expect(open(join(dir, 'data', 'run', 'hub.sock'))).rejects.toThrow(
        /data is writable by its group or others: run "chmod go-w/,
      );

      await chmod(join(dir, 'data'), 0o755);
      await mkdir(join(dir, 'data', 'run'), { mode: 0o755 });
      await chmod(join(dir, 'data', 'run'), 0o755);
      const opened = await open(join(dir, 'data', 'run', 'hub.sock'));
      expect((await stat(join(dir, 'data', 'run'))).mode & 0o777).toBe(0o700);
      await opened.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
