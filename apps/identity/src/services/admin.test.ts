import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newStaff } from '../test/admin.js';
import { TestBrowser } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { testManifest } from './test-manifest.js';

describe('the admin API for services', () => {
  let hub: TestHub;
  let admin: TestBrowser;
  let user: TestBrowser;
  let secret: string;

  beforeAll(async () => {
    hub = await startTestHub();
    secret = (await hub.services.serviceRegistry.register(testManifest())).clientSecret!;
    admin = (await newStaff(hub, ['admin'])).browser;
    user = new TestBrowser(hub);
    await user.signUp();
  });
  afterAll(async () => {
    await hub.close();
  });

  const tokenStatus = async (clientSecret: string) =>
    (
      await hub.app.request('/oidc/token', {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`mail:${clientSecret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      })
    ).status;

  const launcherIds = async () =>
    (await user.request('GET', '/api/services')).body.services.map((s: { id: string }) => s.id);

  it('lists every service with its client settings and whether it is disabled', async () => {
    const res = await admin.request('GET', '/api/admin/services');
    expect(res.status).toBe(200);
    expect(res.body.services).toEqual([
      expect.objectContaining({
        id: 'mail',
        name: 'Mail',
        origin: 'http://localhost:4101',
        homeUrl: 'http://localhost:4101/',
        badgeUrl: 'http://localhost:4101/orbit/badge',
        perks: [expect.objectContaining({ key: 'mail.quota_mb' })],
        disabled: false,
        client: expect.objectContaining({
          clientId: 'mail',
          firstParty: true,
          scopes: ['openid', 'profile', 'accounts:read', 'entitlements:read'],
          redirectUris: ['http://localhost:4101/auth/callback'],
        }),
      }),
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/secret_?hash|<svg/i);
  });

  it('disables a service, which leaves the launcher and can no longer get tokens, and enables it again', async () => {
    const disabled = await admin.request('POST', '/api/admin/services/mail/disable');
    expect(disabled.status).toBe(200);
    expect(disabled.body.service).toMatchObject({ id: 'mail', disabled: true });
    expect(await launcherIds()).toEqual([]);
    expect(await tokenStatus(secret)).toBe(401);
    expect((await admin.request('GET', '/api/admin/services')).body.services[0].disabled).toBe(true);

    const enabled = await admin.request('POST', '/api/admin/services/mail/enable');
    expect(enabled.body.service).toMatchObject({ id: 'mail', disabled: false });
    expect(await launcherIds()).toEqual(['mail']);
    expect(await tokenStatus(secret)).toBe(200);
  });

  it('rotates the client secret, answering the new one once; the old one works on through the grace', async () => {
    const res = await admin.request('POST', '/api/admin/services/mail/rotate-secret');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({
      clientSecret: expect.any(String),
      previousSecretExpiresAt: new Date(hub.clock.now().getTime() + 24 * 3_600_000).toISOString(),
    });
    expect(await tokenStatus(secret)).toBe(200);
    expect(await tokenStatus(res.body.clientSecret)).toBe(200);

    const atOnce = await admin.request('POST', '/api/admin/services/mail/rotate-secret', { graceHours: 0 });
    expect(atOnce.body).toMatchObject({ clientSecret: expect.any(String), previousSecretExpiresAt: null });
    expect(await tokenStatus(res.body.clientSecret)).toBe(401);
    expect(await tokenStatus(atOnce.body.clientSecret)).toBe(200);
    secret = atOnce.body.clientSecret;
    for (const body of [{ graceHours: -1 }, { graceHours: 1.5 }, { grace: 2 }]) {
      expect((await admin.request('POST', '/api/admin/services/mail/rotate-secret', body)).status).toBe(400);
    }
    const audited = await hub.services.audit.search({ action: 'service.secret_rotated', targetId: 'mail' });
    expect(audited.entries).toHaveLength(2);
  });

  it('answers 404 for a service that does not exist', async () => {
    for (const action of ['disable', 'enable', 'rotate-secret']) {
      const res = await admin.request('POST', `/api/admin/services/nope/${action}`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('service.not_found');
    }
  });

  it('refuses everyone but admins: 403 auth.forbidden signed in, 401 signed out', async () => {
    for (const [method, path] of [
      ['GET', '/api/admin/services'],
      ['POST', '/api/admin/services/mail/disable'],
      ['POST', '/api/admin/services/mail/enable'],
      ['POST', '/api/admin/services/mail/rotate-secret'],
    ] as const) {
      const forbidden = await user.request(method, path);
      expect(forbidden.status, path).toBe(403);
      expect(forbidden.body.error.code).toBe('auth.forbidden');
      const anonymous = await new TestBrowser(hub).request(method, path);
      expect(anonymous.status, path).toBe(401);
    }
    expect(await launcherIds()).toEqual(['mail']);
    expect(await tokenStatus(secret)).toBe(200);
  });

  it('needs the CSRF token for admin actions, like every signed-in write', async () => {
    const res = await admin.request('POST', '/api/admin/services/mail/disable', undefined, {
      headers: { 'x-csrf-token': 'wrong' },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf.token_invalid');
    expect(await launcherIds()).toEqual(['mail']);
  });
});
