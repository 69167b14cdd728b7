import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newStaff, type Staff } from '../test/admin.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { updateCredentialsFile } from './credentials-file.js';
import { testManifest } from './test-manifest.js';

describe('rotating a service’s secret in the console', () => {
  let hub: TestHub;
  let admin: Staff;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'orbit-credentials-'));
    hub = await startTestHub({ ORBIT_DATA_DIR: dir });
    await hub.services.serviceRegistry.register(testManifest());
    admin = await newStaff(hub, ['admin']);
    file = join(dir, 'services', 'mail.json');
  });
  afterAll(async () => {
    await hub?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const rotate = (body?: unknown) =>
    admin.browser.request('POST', '/api/admin/services/mail/rotate-secret', body);
  const tokenStatus = async (secret: string) =>
    (
      await hub.app.request('/oidc/token', {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`mail:${secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials&scope=accounts:read',
      })
    ).status;

  it('leaves alone a service whose credentials the hub did not write, and says so', async () => {
    const rotated = await rotate();
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({
      clientSecret: expect.any(String),
      previousSecretExpiresAt: new Date(hub.clock.now().getTime() + 24 * 3_600_000).toISOString(),
      credentialsFile: null,
    });
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('writes the new secret into the credentials file services:register wrote; the old one works on', async () => {
    const old = (await rotate({ graceHours: 0 })).body.clientSecret as string;
    await mkdir(join(dir, 'services'), { recursive: true, mode: 0o700 });
    await writeFile(
      file,
      JSON.stringify({ issuer: hub.config.issuer, clientId: 'mail', clientSecret: old }),
      {
        mode: 0o600,
      },
    );
    const rotated = await rotate({ graceHours: 1 });
    expect(rotated.status).toBe(200);
    expect(rotated.body.credentialsFile).toBe(file);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      issuer: hub.config.issuer,
      clientId: 'mail',
      clientSecret: rotated.body.clientSecret,
    });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await tokenStatus(old)).toBe(200);
    expect(await tokenStatus(rotated.body.clientSecret)).toBe(200);
    const entry = (await hub.services.audit.search({ targetId: 'mail', limit: 1 })).entries[0];
    expect(entry).toMatchObject({ action: 'service.secret_rotated', actor: { accountId: admin.account.id } });
    expect(JSON.stringify(entry)).not.toContain(rotated.body.clientSecret);
  });

  it('writes the file too when the service’s client is rotated under Admin → Clients', async () => {
    const rotated = await admin.browser.request('POST', '/api/admin/clients/mail/rotate-secret', {
      graceHours: 0,
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({ credentialsFile: file, client: { service: 'mail' } });
    expect(JSON.parse(await readFile(file, 'utf8')).clientSecret).toBe(rotated.body.clientSecret);
    expect(await tokenStatus(rotated.body.clientSecret)).toBe(200);
  });

  it('does not touch a file that names another hub or another client', async () => {
    const foreign = { issuer: 'https://other.example', clientId: 'mail', clientSecret: 'theirs' };
    await writeFile(file, JSON.stringify(foreign));
    expect(
      await updateCredentialsFile(
        { issuer: hub.config.issuer, servicesDir: join(dir, 'services') },
        'mail',
        'new',
      ),
    ).toBeNull();
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(foreign);
    expect(
      await updateCredentialsFile({ issuer: hub.config.issuer, servicesDir: undefined }, 'mail', 'new'),
    ).toBeNull();
  });

  it('refuses a grace out of range with 400 and changes nothing', async () => {
    const before = await readFile(file, 'utf8');
    for (const graceHours of [-1, 721, 2.5]) {
      const bad = await rotate({ graceHours });
      expect(bad.status, String(graceHours)).toBe(400);
      expect(bad.body.error.details[0].path).toBe('graceHours');
    }
    expect(await readFile(file, 'utf8')).toBe(before);
  });
});
