import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { testManifest } from './testkit.js';

/** `/api/v1/shell`: what the service shell needs from the hub, asked by a service with its own token. */
describe('the service shell’s API (/api/v1/shell)', () => {
  let hub: TestHub;
  let withLocale: string;
  let readOnly: string;
  let account: { id: string };

  beforeAll(async () => {
    hub = await startTestHub();
    const { serviceRegistry } = hub.services;
    const mail = await serviceRegistry.register(
      testManifest({ hubScopes: ['accounts:read', 'accounts:locale'] }),
      'http://localhost:9994',
    );
    const news = await serviceRegistry.register(
      testManifest({ id: 'news', name: 'News', names: { 'zh-CN': '新闻' }, hubScopes: ['accounts:read'] }),
      'http://localhost:9993',
    );
    withLocale = await clientCredentials('mail', mail.clientSecret ?? '');
    readOnly = await clientCredentials('news', news.clientSecret ?? '');
    account = (await new TestBrowser(hub).signUp({ handle: uniqueHandle('shell') })).body.account;
  });
  afterAll(async () => {
    await hub.close();
  });

  async function clientCredentials(clientId: string, clientSecret: string) {
    const res = await hub.app.request('/oidc/token', {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { access_token: string }).access_token;
  }

  const call = async (token: string | null, method: string, path: string, body?: unknown) => {
    const res = await hub.app.request(`/api/v1/shell${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // biome-ignore lint/suspicious/noExplicitAny: tests read bodies loosely, asserting on their shape
    return { status: res.status, body: (await res.json()) as any };
  };

  it('lists the launcher’s services with absolute URLs, to any service', async () => {
    const { status, body } = await call(readOnly, 'GET', '/launcher');
    expect(status).toBe(200);
    const news = body.services.find((s: { id: string }) => s.id === 'news');
    expect(news).toMatchObject({
      id: 'news',
      name: 'News',
      names: { 'zh-CN': '新闻' },
      iconUrl: `${hub.config.issuer}/api/services/news/icon`,
      homeUrl: 'http://localhost:9993/',
    });
    expect((await call(null, 'GET', '/launcher')).status).toBe(401);
  });

  it('reads an account’s language with accounts:read, and sets it only with accounts:locale', async () => {
    expect((await call(readOnly, 'GET', `/preferences/${account.id}`)).body).toEqual({
      sub: account.id,
      locale: 'en',
    });
    const refused = await call(readOnly, 'PUT', `/preferences/${account.id}`, { locale: 'zh-CN' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('token.insufficient_scope');

    const saved = await call(withLocale, 'PUT', `/preferences/${account.id}`, { locale: 'zh-CN' });
    expect(saved).toEqual({ status: 200, body: { sub: account.id, locale: 'zh-CN' } });
    expect((await hub.services.accounts.byId(account.id))?.locale).toBe('zh-CN');
  });

  it('refuses a language Orbit doesn’t speak, an id that is not one, and an account that doesn’t exist', async () => {
    const bad = await call(withLocale, 'PUT', `/preferences/${account.id}`, { locale: 'fr' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('request.invalid');
    expect((await call(withLocale, 'GET', '/preferences/not-a-uuid')).status).toBe(400);
    const missing = await call(withLocale, 'PUT', `/preferences/${randomUUID()}`, { locale: 'en' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('account.not_found');
  });
});
