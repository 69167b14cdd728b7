import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { TEST_ICON, testManifest } from './test-manifest.js';

/** What a call refused with: its AppError status and code. */
async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const { status, code, message, details } = error as AppError;
  return { status, code, message, details };
}

describe('the service registry', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  const registry = () => hub.services.serviceRegistry;

  /** A client_credentials token request as the service makes it. */
  const tokenFor = (clientId: string, secret: string, scope?: string) =>
    hub.app.request('/oidc/token', {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }).toString(),
    });

  it('registers a service as a first-party confidential client with its launcher entry', async () => {
    const registration = await registry().register(testManifest());
    expect(registration.status).toBe('created');
    expect(registration.clientSecret).toEqual(expect.any(String));
    expect(registration.service).toMatchObject({
      id: 'mail',
      name: 'Mail',
      names: { 'zh-CN': '邮件' },
      description: 'Mail between Orbit accounts.',
      origin: 'http://localhost:4101',
      homeUrl: 'http://localhost:4101/',
      badgeUrl: 'http://localhost:4101/orbit/badge',
      perks: [{ key: 'mail.quota_mb', type: 'number', default: 1024, description: 'Mailbox size in MiB' }],
      disabled: false,
      client: {
        clientId: 'mail',
        name: 'Mail',
        type: 'confidential',
        tokenEndpointAuthMethod: 'client_secret_basic',
        firstParty: true,
        grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'],
        scopes: ['openid', 'profile', 'accounts:read', 'entitlements:read'],
        redirectUris: ['http://localhost:4101/auth/callback'],
        postLogoutRedirectUris: ['http://localhost:4101/'],
        backchannelLogoutUri: 'http://localhost:4101/auth/backchannel-logout',
      },
    });

    const res = await tokenFor('mail', registration.clientSecret!);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ scope: 'accounts:read entitlements:read' });
  });

  it('changes nothing when the same manifest is registered again', async () => {
    const before = await registry().get('mail');
    hub.clock.advance(60_000);
    const again = await registry().register(testManifest());
    expect(again).toEqual({
      status: 'unchanged',
      service: before,
      clientSecret: undefined,
      retiredRoles: [],
      pendingCalls: [],
    });
    expect(await registry().get('mail')).toEqual(before);
  });

  it('updates the client’s URIs and the launcher entry when the manifest or origin changes, keeping the secret', async () => {
    const { clientSecret: secret } = await registry().rotateSecret('mail');
    hub.clock.advance(60_000);
    const moved = await registry().register(
      testManifest({ name: 'Orbit Mail', badge: false, paths: { callback: '/oidc/callback' } }),
      'https://mail.example.com/',
    );
    expect(moved.status).toBe('updated');
    expect(moved.clientSecret).toBeUndefined();
    expect(moved.service).toMatchObject({
      name: 'Orbit Mail',
      origin: 'https://mail.example.com',
      homeUrl: 'https://mail.example.com/',
      badgeUrl: null,
      updatedAt: hub.clock.now().toISOString(),
      client: {
        name: 'Orbit Mail',
        redirectUris: ['https://mail.example.com/oidc/callback'],
        postLogoutRedirectUris: ['https://mail.example.com/'],
        backchannelLogoutUri: 'https://mail.example.com/auth/backchannel-logout',
      },
    });
    expect((await tokenFor('mail', secret)).status).toBe(200);
    expect(await registry().secretMatches('mail', secret)).toBe(true);
    expect(await registry().secretMatches('mail', `${secret}x`)).toBe(false);

    // Fewer hub scopes: the client loses them.
    const narrowed = await registry().register(testManifest({ hubScopes: [] }));
    expect(narrowed.status).toBe('updated');
    expect(narrowed.service.client.scopes).toEqual(['openid', 'profile']);
    expect(narrowed.service.origin).toBe('http://localhost:4101');
    expect((await tokenFor('mail', secret, 'accounts:read')).status).toBe(400);
  });

  it('restores client settings an admin changed by hand, but keeps its ID token algorithm', async () => {
    await registry().register(testManifest());
    await hub.services.clients.update('mail', {
      name: 'Renamed',
      redirectUris: ['http://localhost:4101/elsewhere'],
      scopes: ['openid'],
      firstParty: false,
      idTokenSignedResponseAlg: 'ES256',
    });
    const restored = await registry().register(testManifest());
    expect(restored.status).toBe('updated');
    expect(restored.service.client).toMatchObject({
      name: 'Mail',
      redirectUris: ['http://localhost:4101/auth/callback'],
      scopes: ['openid', 'profile', 'accounts:read', 'entitlements:read'],
      firstParty: true,
      grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'],
      idTokenSignedResponseAlg: 'ES256',
    });
    expect((await registry().register(testManifest())).status).toBe('unchanged');
  });

  it('refuses an invalid manifest with the problems listed', async () => {
    const { icon: _icon, ...noIcon } = testManifest({ id: 'notes' });
    const refused = await refusal(registry().register({ ...noIcon, defaultPort: 22 }));
    expect(refused).toMatchObject({ status: 400, code: 'service.invalid_manifest' });
    expect(refused.details).toEqual(
      expect.arrayContaining([
        { path: 'icon', message: expect.any(String) },
        { path: 'defaultPort', message: expect.any(String) },
      ]),
    );
    expect(await registry().get('notes')).toBeUndefined();
  });

  it('refuses origins that are not scheme, host and port, or plain http off localhost', async () => {
    const manifest = testManifest({ id: 'notes' });
    for (const origin of ['http://notes.example.com', 'https://notes.example.com/app', 'notes']) {
      expect(await refusal(registry().register(manifest, origin)), origin).toMatchObject({
        status: 400,
        code: 'service.invalid_origin',
      });
    }
    expect((await registry().register(manifest, 'http://127.0.0.1:5000')).service.origin).toBe(
      'http://127.0.0.1:5000',
    );
  });

  it('will not take over an OAuth client that is not a service', async () => {
    await hub.services.clients.create({ id: 'blog', name: 'Blog', grantTypes: ['client_credentials'] });
    const refused = await refusal(registry().register(testManifest({ id: 'blog' })));
    expect(refused).toMatchObject({ status: 409, code: 'service.client_taken' });
    expect((await hub.services.clients.get('blog'))?.name).toBe('Blog');
    expect(await registry().get('blog')).toBeUndefined();
  });

  it('creates the client and the entry together or not at all', async () => {
    // A trigger makes the entry's insert fail after the client's has succeeded, inside the transaction.
    await hub.db.execute(sql`
      create function platform.refuse_insert() returns trigger language plpgsql as $$
        begin raise exception 'refused for the test'; end $$`);
    await hub.db.execute(sql`
      create trigger refuse_insert before insert on platform.services
      for each row execute function platform.refuse_insert()`);
    try {
      await expect(registry().register(testManifest({ id: 'calendar' }))).rejects.toThrow();
      expect(await hub.services.clients.get('calendar')).toBeUndefined();
    } finally {
      await hub.db.execute(sql`drop trigger refuse_insert on platform.services`);
      await hub.db.execute(sql`drop function platform.refuse_insert()`);
    }
    expect((await registry().register(testManifest({ id: 'calendar' }))).status).toBe('created');
  });

  it('disables and enables a service through its client; only enabled ones are listed for users', async () => {
    const disabled = await registry().setDisabled('calendar', true);
    expect(disabled).toMatchObject({ id: 'calendar', disabled: true, client: { disabled: true } });
    expect((await registry().listEnabled()).map((s) => s.id)).not.toContain('calendar');
    expect((await registry().list()).map((s) => s.id)).toContain('calendar');
    expect(await registry().getEnabled('calendar')).toBeUndefined();
    expect(await registry().icon('calendar')).toBeUndefined();

    expect((await registry().setDisabled('calendar', false)).disabled).toBe(false);
    expect((await registry().listEnabled()).map((s) => s.id)).toContain('calendar');
    expect(await registry().icon('calendar')).toBe(TEST_ICON);
  });

  it('answers 404 for services that do not exist, even when a client of that id does', async () => {
    for (const call of [
      () => registry().setDisabled('nope', true),
      () => registry().rotateSecret('nope'),
      () => registry().setDisabled('blog', true),
      () => registry().rotateSecret('blog'),
    ]) {
      expect(await refusal(call())).toMatchObject({ status: 404, code: 'service.not_found' });
    }
    expect((await hub.services.clients.get('blog'))?.disabledAt).toBeNull();
  });

  it('forgets a service when its client is deleted', async () => {
    await registry().register(testManifest({ id: 'doomed' }));
    await hub.db.execute(sql`delete from oidc.clients where id = 'doomed'`);
    expect(await registry().get('doomed')).toBeUndefined();
  });
});
