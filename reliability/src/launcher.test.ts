import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@orbit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, type Launcher, ROOT, startLauncher } from './platform.js';

/**
 * `npm start` as a developer runs it (`scripts/start.mjs --no-build`), on the embedded database in a temporary
 * data folder: the CLI works beside it through the hub's admin channel, the first-admin link comes last, and a
 * process killed under it is started again while the others keep serving (issue 18).
 * About 25 s on an idle 2-core machine (three fresh embedded databases: the registration's, the hub's, Mail's);
 * the start-up is given more on a loaded one.
 */
describe('npm start on the embedded database', () => {
  let dataDir: string;
  let launcher: Launcher;
  const output = () => launcher.output();
  let env: NodeJS.ProcessEnv;
  let hubUrl: string;

  beforeAll(async () => {
    assertBuilt();
    dataDir = await mkdtemp(join(tmpdir(), 'orbit-launch-'));
    const [hubPort, mailPort, spacePort] = [await freePort(), await freePort(), await freePort()];
    hubUrl = `http://localhost:${hubPort}`;
    env = {
      ...process.env,
      ORBIT_DATA_DIR: dataDir,
      PORT: String(hubPort),
      ORBIT_MAIL_PORT: String(mailPort),
      ORBIT_SPACE_PORT: String(spacePort),
      // On SIGTERM each process answers readiness 503 for a second before it stops listening.
      ORBIT_STOP_DRAIN_SECONDS: '1',
    };
    // Embedded PGlite, development logs, whatever the test run was given.
    for (const name of [
      'DATABASE_URL',
      'ORBIT_ISSUER',
      'LOG_FORMAT',
      'LOG_LEVEL',
      'NODE_ENV',
      'FORCE_COLOR',
    ]) {
      delete env[name];
    }
    launcher = startLauncher(env);
    await launcher.waitFor(/Orbit is up[\s\S]*╰/);
  }, 120_000);

  afterAll(async () => {
    await launcher?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const orbit = (...args: string[]) =>
    spawnSync(process.execPath, ['apps/identity/dist/cli.js', ...args], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    });

  it('prints readable, prefixed log lines, then the summary, then the framed setup link last', () => {
    expect(output()).toMatch(/^identity \| \d\d:\d\d:\d\d\.\d{3} INFO {2}identity hub listening {2}url=/m);
    expect(output()).toMatch(/^mail {5}\| \d\d:\d\d:\d\d\.\d{3} INFO {2}mail {5}Mail is listening/m);
    // Request lines (debug) show in development: the launcher's own readiness checks.
    expect(output()).toMatch(/^identity \| .* DEBUG identity GET \/readyz 200 [\d.]+ms$/m);
    expect(output()).not.toMatch(/^identity \| \{"level"/m);

    const up = output().indexOf('Orbit is up');
    expect(up).toBeGreaterThan(output().indexOf('mail listening'));
    const box = output().slice(output().indexOf('╭'), output().indexOf('╯') + 1);
    expect(output().indexOf('╭')).toBeGreaterThan(up);
    expect(box).toMatch(new RegExp(`│ +${hubUrl}/setup\\?token=[\\w-]{43} +│`));
    expect(
      output()
        .slice(output().indexOf('╯') + 1)
        .trim(),
    ).toBe('');
  });

  it('runs the CLI beside it through the admin channel, though the hub holds the database', async () => {
    expect((await stat(join(dataDir, 'run', 'hub.sock'))).mode & 0o777).toBe(0o600);
    const listed = orbit('services:list');
    expect(listed.stderr).toBe('');
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/^mail +Mail +no /m);

    const link = orbit('setup:link');
    expect(link.status).toBe(0);
    expect(output()).toContain(link.stdout.trim());

    const wrong = orbit('services:nope');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/Unknown command: services:nope/);

    // Without the channel, the CLI would need the database the hub holds: it says so, and where to look.
    const socket = join(dataDir, 'run', 'hub.sock');
    await rename(socket, `${socket}.away`);
    try {
      const blocked = orbit('services:list');
      expect(blocked.status).toBe(1);
      expect(blocked.stderr).toMatch(/is in use by process \d+/);
      expect(blocked.stderr).toContain(`No hub answered on ${socket}`);
    } finally {
      await rename(`${socket}.away`, socket);
    }
  });

  /** The launcher's child running `entry`. */
  const childRunning = async (entry: string) => (await launcher.children()).get(entry);

  it('starts a process that died again, says so, and the others keep serving', async () => {
    const mailUrl = `http://localhost:${env.ORBIT_MAIL_PORT}`;
    const mail = await childRunning('apps/mail/dist/main.js');
    expect(mail).toBeGreaterThan(0);
    const before = output().length;
    process.kill(mail!, 'SIGKILL');

    // The launcher tells what happened and brings Mail back; the hub answers throughout.
    const deadline = Date.now() + 60_000;
    let back: number | undefined;
    while (Date.now() < deadline) {
      expect((await fetch(`${hubUrl}/readyz`)).status).toBe(200);
      back = await childRunning('apps/mail/dist/main.js');
      const ready = back ? await fetch(`${mailUrl}/readyz`).catch(() => undefined) : undefined;
      if (back && back !== mail && ready?.ok) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(back).toBeDefined();
    expect(back).not.toBe(mail);
    expect((await fetch(`${mailUrl}/readyz`)).status).toBe(200);
    const said = output().slice(before);
    expect(said).toMatch(/orbit: mail exited \(SIGKILL\); starting it again in 1s\./);
    expect(said).toMatch(/orbit: starting mail again\./);
    expect(launcher.process.exitCode).toBeNull();
  }, 90_000);

  it('lets Mail stop gracefully on SIGTERM: readiness 503 first, requests still answered, then it exits', async () => {
    const mailUrl = `http://localhost:${env.ORBIT_MAIL_PORT}`;
    const mail = await childRunning('apps/mail/dist/main.js');
    expect(mail).toBeGreaterThan(0);
    expect((await fetch(`${mailUrl}/readyz`)).status).toBe(200);
    const before = output().length;
    const signalled = Date.now();
    process.kill(mail!, 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Draining (ORBIT_STOP_DRAIN_SECONDS=1): not ready, still serving.
    const draining = await fetch(`${mailUrl}/readyz`);
    expect(draining.status).toBe(503);
    expect(await draining.json()).toMatchObject({ status: 'stopping' });
    expect((await fetch(`${mailUrl}/healthz`)).status).toBe(200);
    // It exits cleanly after the drain, well within 10 s; the launcher starts it again.
    const deadline = Date.now() + 30_000;
    while (!/orbit: mail exited/.test(output().slice(before)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const took = Date.now() - signalled;
    expect(took).toBeGreaterThanOrEqual(1_000);
    expect(took).toBeLessThan(10_000);
    expect(output().slice(before)).toMatch(/orbit: mail exited \(code 0\)/);
  }, 60_000);

  it('stops everything on Ctrl-C and removes the socket', async () => {
    launcher.process.kill('SIGINT');
    expect(await launcher.exited).toBe(0);
    expect(existsSync(join(dataDir, 'run', 'hub.sock'))).toBe(false);
  });
});
