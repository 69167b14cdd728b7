import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_PASSWORD, TestBrowser, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';

describe('first admin setup link', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  const admin = (token: string) => ({
    token,
    handle: uniqueHandle('admin'),
    displayName: 'The Admin',
    password: GOOD_PASSWORD,
  });

  it('expires, and a newer link replaces an older one', async () => {
    const old = await hub.services.setup.issueTokenIfNeeded();
    const token = await hub.services.setup.issueTokenIfNeeded();
    const browser = new TestBrowser(hub);
    expect((await browser.request('GET', `/api/setup/${old}`)).status).toBe(404);
    expect((await browser.request('GET', `/api/setup/${token}`)).body).toEqual({ valid: true });
    hub.clock.advance(hub.config.setupLinkMs + 1000);
    const res = await browser.request('POST', '/api/setup', admin(token!));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('setup.invalid_token');
  });

  it('creates the first admin once, signed in, and is spent', async () => {
    const token = await hub.services.setup.issueTokenIfNeeded();
    expect(token).toEqual(expect.any(String));
    const browser = new TestBrowser(hub);
    const res = await browser.request('POST', '/api/setup', admin(token!));
    expect(res.status).toBe(201);
    expect(res.body.account.roles).toEqual(['admin']);
    expect((await browser.request('GET', '/api/me')).body.account.roles).toEqual(['admin']);
    const session = (await browser.request('GET', '/api/session')).body;
    expect(session.permissions).toContain('roles:write');
    // The audit log starts with the first admin, granted by setup.
    const { entries } = await hub.services.audit.search({ targetId: res.body.account.id });
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'role.granted',
        actor: { accountId: null, label: 'setup', via: 'system' },
        details: { role: 'admin', by: 'setup' },
      }),
    ]);

    const again = await new TestBrowser(hub).request('POST', '/api/setup', admin(token!));
    expect(again.status).toBe(404);
    expect(await hub.services.setup.issueTokenIfNeeded()).toBeUndefined();
  });

  it('never makes an admin through ordinary sign-up', async () => {
    const res = await new TestBrowser(hub).request('POST', '/api/accounts', {
      handle: uniqueHandle(),
      displayName: 'Sneaky',
      password: GOOD_PASSWORD,
      role: 'admin',
      roles: ['admin'],
    });
    expect(res.status).toBe(201);
    expect(res.body.account.roles).toEqual([]);
  });
});
