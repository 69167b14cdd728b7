import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_PASSWORD, TestBrowser, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';

const JSON_TYPE = { 'content-type': 'application/json' };

/** The security review's NUL-byte findings: each answered 500 before (the value reached PostgreSQL). */
describe('text the database cannot store', () => {
  let hub: TestHub;
  let admin: TestBrowser;
  let user: TestBrowser;
  beforeAll(async () => {
    hub = await startTestHub();
    await hub.services.clients.create({
      id: 'mail',
      name: 'Mail',
      redirectUris: ['http://localhost:9999/callback'],
      firstParty: true,
    });
    const handle = uniqueHandle('admin');
    await hub.services.accounts.create({
      handle,
      displayName: 'Admin',
      password: GOOD_PASSWORD,
      roles: ['admin'],
    });
    admin = new TestBrowser(hub);
    expect((await admin.signIn(handle)).status).toBe(200);
    user = new TestBrowser(hub);
    expect((await user.signUp()).status).toBe(201);
  });
  afterAll(async () => {
    await hub.close();
  });

  const form = (path: string, body: string) =>
    hub.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });

  it('answers the authorization endpoint’s NUL client_id with its error page, not 500', async () => {
    for (const query of ['client_id=%00', 'client_id=mail&redirect_uri=http://localhost:9999/callback%00']) {
      const res = await hub.app.request(`/oidc/authorize?${query}&response_type=code&scope=openid`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type')).toContain('text/html');
    }
  });

  it('answers the token, revocation and introspection endpoints in the OAuth error shape', async () => {
    for (const [path, body] of [
      ['/oidc/token', 'grant_type=authorization_code&code=%00&client_id=mail'],
      ['/oidc/token', 'grant_type=client_credentials&client_id=%00&client_secret=x'],
      ['/oidc/token', 'grant_type=refresh_token&refresh_token=a%00&client_id=mail'],
      ['/oidc/revoke', 'token=%00&client_id=mail'],
      ['/oidc/introspect', 'token=%00&client_id=%00'],
    ] as const) {
      const res = await form(path, body);
      expect(res.status, `${path} ${body}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${path} ${body}`).toBeLessThan(500);
      expect(await res.json()).toMatchObject({ error: expect.any(String) });
    }
  });

  it('refuses NUL and lone surrogates in JSON bodies with 400 request.invalid_text', async () => {
    for (const raw of ['{"displayName":"a\\u0000b"}', '{"displayName":"\\ud800"}', '{"bio":"x\\u0000"}']) {
      const res = await user.request('PATCH', '/api/me', undefined, { raw, headers: JSON_TYPE });
      expect(res.status, raw).toBe(400);
      expect(res.body.error.code).toBe('request.invalid_text');
    }
    const signUp = await new TestBrowser(hub).request('POST', '/api/accounts', undefined, {
      headers: JSON_TYPE,
      raw: '{"handle":"nul\\u0000","displayName":"x","password":"correct horse battery staple"}',
    });
    expect(signUp.status).toBe(400);
    expect(signUp.body.error.code).toBe('request.invalid_text');
  });

  it('refuses NUL in query strings and paths', async () => {
    for (const path of [
      '/api/admin/accounts?q=%00',
      '/api/admin/accounts/%00',
      '/api/admin/services/%00/disable',
    ]) {
      const method = path.endsWith('disable') ? 'POST' : 'GET';
      const res = await admin.request(method, path);
      expect(res.status, path).toBe(400);
      expect(res.body.error.code).toBe('request.invalid_text');
    }
  });
});
