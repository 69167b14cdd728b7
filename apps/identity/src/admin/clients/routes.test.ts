import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testManifest } from '../../services/testkit.js';
import { newStaff, type Staff } from '../../test/admin.js';
import { TestBrowser } from '../../test/client.js';
import { startTestHub, type TestHub } from '../../test/hub.js';

const HOUR_MS = 3_600_000;

describe('OIDC clients in the admin console', () => {
  let hub: TestHub;
  let admin: Staff;

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.services.serviceRegistry.register(testManifest());
    admin = await newStaff(hub, ['admin']);
  });
  afterAll(async () => {
    await hub.close();
  });

  const api = (method: string, path: string, body?: unknown) =>
    admin.browser.request(method, `/api/admin/clients${path}`, body);

  /** The latest audit entry for a client, as the console's audit search finds it. */
  const lastAudit = async (clientId: string) =>
    (await hub.services.audit.search({ targetId: clientId, limit: 1 })).entries[0];

  /** Basic-authenticated client_credentials request at the token endpoint. */
  const tokenStatus = async (clientId: string, secret: string) =>
    (
      await hub.app.request('/oidc/token', {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials&scope=accounts:read',
      })
    ).status;

  it('registers a client and shows its secret once; the list never shows a secret', async () => {
    const created = await api('POST', '', {
      id: 'reports',
      name: 'Reports',
      redirectUris: ['https://reports.example.com/callback'],
      grantTypes: ['authorization_code', 'client_credentials'],
      scopes: ['openid', 'accounts:read'],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.body.clientSecret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(created.body.client).toMatchObject({
      clientId: 'reports',
      name: 'Reports',
      type: 'confidential',
      tokenEndpointAuthMethod: 'client_secret_basic',
      service: null,
      usesSecret: true,
      disabled: false,
      secrets: [{ createdAt: hub.clock.now().toISOString(), expiresAt: null }],
    });
    expect(await tokenStatus('reports', created.body.clientSecret)).toBe(200);

    const listed = await api('GET', '');
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.clientSecret);
    expect(listed.body.clients.map((c: { clientId: string }) => c.clientId)).toEqual(
      expect.arrayContaining(['mail', 'reports']),
    );
    const shown = await api('GET', '/reports');
    expect(shown.body.client).toEqual(created.body.client);
    expect(JSON.stringify(shown.body)).not.toContain(created.body.clientSecret);

    const entry = await lastAudit('reports');
    expect(entry).toMatchObject({
      action: 'client.created',
      actor: { accountId: admin.account.id, via: 'console' },
      target: { type: 'client', id: 'reports', label: 'Reports' },
    });
    expect(JSON.stringify(entry)).not.toContain(created.body.clientSecret);
  });

  it('registers a public client with no secret, and refuses an id that exists (409)', async () => {
    const created = await api('POST', '', {
      id: 'desktop-app',
      name: 'Desktop',
      type: 'public',
      redirectUris: ['http://127.0.0.1:7777/cb'],
    });
    expect(created.status).toBe(201);
    expect(created.body.clientSecret).toBeNull();
    expect(created.body.client).toMatchObject({ usesSecret: false, secrets: [], type: 'public' });
    const again = await api('POST', '', { id: 'desktop-app', name: 'Again', redirectUris: [] });
    expect(again.status).toBe(400); // authorization_code needs a redirect URI: checked before the id
    const taken = await api('POST', '', {
      id: 'desktop-app',
      name: 'Again',
      redirectUris: ['https://x.example/cb'],
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('client.exists');
  });

  it('refuses a bad registration with 400 client.invalid naming each field', async () => {
    const bad = await api('POST', '', {
      id: 'Bad Id',
      name: '',
      redirectUris: ['http://evil.example/cb', 'https://ok.example/cb#frag'],
      scopes: ['openid', 'admin'],
      idTokenSignedResponseAlg: 'HS256',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('client.invalid');
    const paths = bad.body.error.details.map((p: { path: string }) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'id',
        'name',
        'redirectUris.0',
        'redirectUris.1',
        'scopes.1',
        'idTokenSignedResponseAlg',
      ]),
    );
    const publicWithSecret = await api('POST', '', {
      name: 'Mixed',
      type: 'public',
      tokenEndpointAuthMethod: 'client_secret_post',
      redirectUris: ['https://mixed.example/cb'],
    });
    expect(publicWithSecret.status).toBe(400);
    expect(publicWithSecret.body.error.details).toEqual([
      { path: 'tokenEndpointAuthMethod', message: 'public clients authenticate with none' },
    ]);
    const privateKey = await api('POST', '', {
      name: 'Leaky',
      tokenEndpointAuthMethod: 'private_key_jwt',
      jwks: {
        keys: [
          { kty: 'EC', crv: 'P-256', x: 'a', y: 'b', d: 'secret' },
          { kty: 'oct', k: 'c2VjcmV0' },
        ],
      },
      redirectUris: ['https://leaky.example/cb'],
    });
    expect(privateKey.status).toBe(400);
    expect(new Set(privateKey.body.error.details.map((p: { path: string }) => p.path))).toEqual(
      new Set(['jwks.keys.0', 'jwks.keys.1']),
    );
    const tooMany = await api('POST', '', {
      name: 'Many',
      redirectUris: Array.from({ length: 51 }, (_, i) => `https://many.example/cb${i}`),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details[0].path).toBe('redirectUris');
    const notJson = await admin.browser.request('POST', '/api/admin/clients', undefined, {
      headers: { 'content-type': 'application/json' },
      raw: '{',
    });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('request.invalid_json');
    const array = await api('POST', '', []);
    expect(array.status).toBe(400);
  });

  it('edits a client through the same rules, keeping what is not given', async () => {
    const edited = await api('PATCH', '/reports', {
      name: 'Monthly reports',
      postLogoutRedirectUris: ['https://reports.example.com/'],
      backchannelLogoutUri: 'https://reports.example.com/logout',
      firstParty: true,
      idTokenSignedResponseAlg: 'ES256',
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.clientSecret).toBeNull();
    expect(edited.body.client).toMatchObject({
      name: 'Monthly reports',
      redirectUris: ['https://reports.example.com/callback'],
      postLogoutRedirectUris: ['https://reports.example.com/'],
      backchannelLogoutUri: 'https://reports.example.com/logout',
      firstParty: true,
      idTokenSignedResponseAlg: 'ES256',
      grantTypes: ['authorization_code', 'client_credentials'],
    });
    expect((await lastAudit('reports'))?.details).toEqual({
      changed: [
        'backchannelLogoutUri',
        'firstParty',
        'idTokenSignedResponseAlg',
        'name',
        'postLogoutRedirectUris',
      ],
      secretIssued: false,
    });

    const cleared = await api('PATCH', '/reports', { backchannelLogoutUri: null });
    expect(cleared.body.client.backchannelLogoutUri).toBeNull();

    const bad = await api('PATCH', '/reports', { redirectUris: [], grantTypes: ['authorization_code'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      code: 'client.invalid',
      details: [{ path: 'redirectUris', message: 'authorization_code needs a redirect URI' }],
    });
    const badUri = await api('PATCH', '/reports', { redirectUris: ['ftp://x.example/'] });
    expect(badUri.body.error.details[0].path).toBe('redirectUris.0');
    const unknown = await api('PATCH', '/reports', { id: 'renamed', type: 'public' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('request.invalid');
    const wrongType = await api('PATCH', '/reports', { firstParty: 'yes' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.details[0].path).toBe('firstParty');
    expect((await api('GET', '/reports')).body.client.name).toBe('Monthly reports');
    expect((await api('PATCH', '/nope', { name: 'x' })).status).toBe(404);
  });

  it('issues a secret, shown once, when an edit switches a client to a secret', async () => {
    const created = await api('POST', '', {
      id: 'signed-app',
      name: 'Signed',
      tokenEndpointAuthMethod: 'private_key_jwt',
      jwks: {
        keys: [
          {
            kty: 'EC',
            crv: 'P-256',
            x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
            y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
          },
        ],
      },
      redirectUris: ['https://signed.example/cb'],
    });
    expect(created.status).toBe(201);
    expect(created.body.clientSecret).toBeNull();
    expect(created.body.client).toMatchObject({ usesSecret: false, hasJwks: true, secrets: [] });
    const switched = await api('PATCH', '/signed-app', { tokenEndpointAuthMethod: 'client_secret_post' });
    expect(switched.status).toBe(200);
    expect(switched.body.clientSecret).toEqual(expect.any(String));
    expect(switched.body.client.secrets).toHaveLength(1);
    expect((await lastAudit('signed-app'))?.details).toMatchObject({ secretIssued: true });
    const back = await api('PATCH', '/signed-app', { tokenEndpointAuthMethod: 'private_key_jwt' });
    expect(back.body.client).toMatchObject({ usesSecret: false, secrets: [] });
  });

  it('rotates with a grace: both secrets work until it ends; bad graces are refused', async () => {
    const first = (
      await api('POST', '', {
        id: 'batch',
        name: 'Batch',
        grantTypes: ['client_credentials'],
        scopes: ['accounts:read'],
      })
    ).body.clientSecret as string;
    const rotated = await api('POST', '/batch/rotate-secret', { graceHours: 3 });
    expect(rotated.status).toBe(200);
    expect(rotated.headers.get('cache-control')).toBe('no-store');
    const ends = new Date(hub.clock.now().getTime() + 3 * HOUR_MS).toISOString();
    expect(rotated.body).toMatchObject({
      clientSecret: expect.any(String),
      previousSecretExpiresAt: ends,
      client: { secrets: [{ expiresAt: null }, { expiresAt: ends }] },
    });
    expect(await lastAudit('batch')).toMatchObject({
      action: 'client.secret_rotated',
      details: { graceHours: 3, previousSecretExpiresAt: ends },
    });
    expect(JSON.stringify(await lastAudit('batch'))).not.toContain(rotated.body.clientSecret);
    expect(await tokenStatus('batch', first)).toBe(200);
    expect(await tokenStatus('batch', rotated.body.clientSecret)).toBe(200);
    hub.clock.advance(3 * HOUR_MS);
    expect(await tokenStatus('batch', first)).toBe(401);
    expect(await tokenStatus('batch', rotated.body.clientSecret)).toBe(200);
    await admin.stepUp();

    // No body: the default, 24 hours.
    const byDefault = await admin.browser.request('POST', '/api/admin/clients/batch/rotate-secret');
    expect(byDefault.body.previousSecretExpiresAt).toBe(
      new Date(hub.clock.now().getTime() + 24 * HOUR_MS).toISOString(),
    );
    for (const graceHours of [-1, 721, 1.5, '2']) {
      const bad = await api('POST', '/batch/rotate-secret', { graceHours });
      expect(bad.status, String(graceHours)).toBe(400);
      expect(bad.body.error.details[0].path).toBe('graceHours');
    }
    const publicClient = await api('POST', '/desktop-app/rotate-secret');
    expect(publicClient.status).toBe(400);
    expect(publicClient.body.error.code).toBe('client.no_secret');
    expect((await api('POST', '/nope/rotate-secret')).status).toBe(404);
  });

  it('disables and enables a client; a disabled client cannot authenticate', async () => {
    const secret = (await api('POST', '/batch/rotate-secret', { graceHours: 0 })).body.clientSecret;
    const disabled = await api('POST', '/batch/disable');
    expect(disabled.status).toBe(200);
    expect(disabled.body.client).toMatchObject({ disabled: true, disabledAt: hub.clock.now().toISOString() });
    expect(await tokenStatus('batch', secret)).toBe(401);
    expect((await lastAudit('batch'))?.action).toBe('client.disabled');
    expect(
      (await api('GET', '?status=disabled')).body.clients.map((c: { clientId: string }) => c.clientId),
    ).toEqual(['batch']);
    const enabled = await api('POST', '/batch/enable');
    expect(enabled.body.client.disabled).toBe(false);
    expect(await tokenStatus('batch', secret)).toBe(200);
    expect((await lastAudit('batch'))?.action).toBe('client.enabled');
  });

  it('filters the list by status, kind and text, and refuses an unknown filter value', async () => {
    const ids = async (query: string) =>
      (await api('GET', query)).body.clients.map((c: { clientId: string }) => c.clientId);
    expect(await ids('?kind=service')).toEqual(['mail']);
    expect(await ids('?kind=standalone')).not.toContain('mail');
    expect(await ids('?q=REPORT')).toEqual(['reports']);
    expect(await ids('?q=Monthly&status=enabled&kind=standalone')).toEqual(['reports']);
    // LIKE's wildcards are matched literally.
    expect(await ids('?q=%25')).toEqual([]);
    expect(await ids('?q=_')).toEqual([]);
    const bad = await api('GET', '?status=gone');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('status');
  });

  it('shows a service’s client read-only except rotate and disable', async () => {
    const mail = (await api('GET', '/mail')).body.client;
    expect(mail).toMatchObject({ clientId: 'mail', service: 'mail', usesSecret: true });
    const edit = await api('PATCH', '/mail', { name: 'Renamed' });
    expect(edit.status).toBe(409);
    expect(edit.body.error).toMatchObject({ code: 'client.service_managed', details: { service: 'mail' } });
    const remove = await api('DELETE', '/mail');
    expect(remove.status).toBe(409);
    expect((await api('POST', '/mail/rotate-secret')).status).toBe(200);
    expect((await api('POST', '/mail/disable')).body.client.disabled).toBe(true);
    expect((await hub.services.serviceRegistry.get('mail'))?.disabled).toBe(true);
    expect((await lastAudit('mail'))?.details).toEqual({ service: 'mail' });
    await api('POST', '/mail/enable');
  });

  it('deletes a standalone client with its secrets', async () => {
    const secret = (await api('POST', '/batch/rotate-secret', { graceHours: 0 })).body.clientSecret;
    const deleted = await api('DELETE', '/batch');
    expect(deleted.status).toBe(204);
    expect((await api('GET', '/batch')).status).toBe(404);
    expect(await tokenStatus('batch', secret)).toBe(401);
    expect(await lastAudit('batch')).toMatchObject({ action: 'client.deleted', target: { label: 'Batch' } });
    expect((await api('DELETE', '/batch')).status).toBe(404);
  });

  it('is for admins only, and every write needs the staff step-up', async () => {
    const support = await newStaff(hub, ['support']);
    const user = new TestBrowser(hub);
    await user.signUp();
    for (const browser of [support.browser, user]) {
      expect((await browser.request('GET', '/api/admin/clients')).status).toBe(403);
      expect((await browser.request('GET', '/api/admin/clients/reports')).status).toBe(403);
      expect((await browser.request('POST', '/api/admin/clients/reports/rotate-secret')).status).toBe(403);
    }
    expect((await new TestBrowser(hub).request('GET', '/api/admin/clients')).status).toBe(401);

    const bare = await newStaff(hub, ['admin'], { passkey: false });
    expect((await bare.browser.request('GET', '/api/admin/clients')).status).toBe(200);
    const needsPasskey = await bare.browser.request('POST', '/api/admin/clients/reports/disable');
    expect(needsPasskey.status).toBe(403);
    expect(needsPasskey.body.error.code).toBe('admin.passkey_required');

    hub.clock.advance(5 * 60_000 + 1);
    for (const [method, path, body] of [
      ['POST', '', { name: 'Late', redirectUris: ['https://late.example/cb'] }],
      ['PATCH', '/reports', { name: 'Late' }],
      ['POST', '/reports/disable', undefined],
      ['POST', '/reports/enable', undefined],
      ['POST', '/reports/rotate-secret', undefined],
      ['DELETE', '/reports', undefined],
    ] as const) {
      const stale = await api(method, path, body);
      expect(stale.status, `${method} ${path}`).toBe(401);
      expect(stale.body.error.code).toBe('step_up_required');
    }
    expect((await api('GET', '/reports')).body.client.name).toBe('Monthly reports');
  });
});
