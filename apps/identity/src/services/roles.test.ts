import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRoles } from '../accounts/index.js';
import { GOOD_PASSWORD, TestBrowser, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { testManifest } from './test-manifest.js';

const EDITOR = {
  name: 'editor',
  label: { en: 'Editor', 'zh-CN': '编辑' },
  description: { en: 'Publishes articles.', 'zh-CN': '发布文章。' },
};
const WRITER = { name: 'writer', label: { en: 'Writer', 'zh-CN': '作者' } };
const POSTMASTER = { name: 'postmaster', label: { en: 'Postmaster', 'zh-CN': '邮件管理员' } };

const news = (roles = [EDITOR, WRITER]) =>
  testManifest({ id: 'news', name: 'News', defaultPort: 4102, roles });

describe('service roles in the registry', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  const accountWith = async (roles: string[]) =>
    hub.services.accounts.create({
      handle: uniqueHandle('r'),
      displayName: 'Role holder',
      password: GOOD_PASSWORD,
      roles,
    });

  it('declares every role of every registered service by its full name, with labels', async () => {
    await hub.services.serviceRegistry.register(testManifest({ roles: [POSTMASTER] }));
    await hub.services.serviceRegistry.register(news());
    expect(await hub.services.serviceRegistry.declaredRoles()).toEqual([
      {
        role: 'mail.postmaster',
        serviceId: 'mail',
        name: 'postmaster',
        label: POSTMASTER.label,
        description: null,
      },
      {
        role: 'news.editor',
        serviceId: 'news',
        name: 'editor',
        label: EDITOR.label,
        description: EDITOR.description,
      },
      { role: 'news.writer', serviceId: 'news', name: 'writer', label: WRITER.label, description: null },
    ]);
    const view = await hub.services.serviceRegistry.get('news');
    expect(view?.roles.map((r) => r.role)).toEqual(['news.editor', 'news.writer']);
  });

  it('keeps a disabled service’s roles declared: a grant outlives a pause', async () => {
    await hub.services.serviceRegistry.setDisabled('mail', true);
    expect((await hub.services.serviceRegistry.declaredRoles()).map((r) => r.role)).toContain(
      'mail.postmaster',
    );
    await hub.services.serviceRegistry.setDisabled('mail', false);
  });

  it('retires a role a re-registration drops: the grants stay, out of tokens, and come back when declared again', async () => {
    const holder = await accountWith(['news.writer', 'news.editor']);
    await accountWith(['news.writer']);

    const dropped = await hub.services.serviceRegistry.register(news([EDITOR]));
    expect(dropped.status).toBe('updated');
    expect(dropped.retiredRoles).toEqual([{ role: 'news.writer', holders: 2 }]);
    expect((await hub.services.serviceRegistry.declaredRoles()).map((r) => r.role)).not.toContain(
      'news.writer',
    );
    // Still held (an admin sees and may revoke it), but no longer the service's to act on.
    expect(await hub.services.serviceRoles.claimFor(holder.id, 'news')).toEqual(['news.editor']);
    const catalog = await hub.services.serviceRoles.catalog();
    expect(catalog.find((r) => r.role === 'news.writer')).toEqual({
      role: 'news.writer',
      kind: 'service',
      serviceId: 'news',
      label: { en: 'news.writer', 'zh-CN': 'news.writer' },
      description: null,
      retired: true,
      holders: 2,
    });

    // Registering the same manifest again retires nothing more.
    expect((await hub.services.serviceRegistry.register(news([EDITOR]))).retiredRoles).toEqual([]);

    const back = await hub.services.serviceRegistry.register(news());
    expect(back.retiredRoles).toEqual([]);
    expect(await hub.services.serviceRoles.claimFor(holder.id, 'news')).toEqual([
      'news.editor',
      'news.writer',
    ]);
    expect((await hub.services.serviceRoles.catalog()).find((r) => r.role === 'news.writer')?.retired).toBe(
      false,
    );
  });

  it('reports no retired role when a dropped role was held by nobody', async () => {
    const mail = await hub.services.serviceRegistry.register(testManifest({ roles: [] }));
    expect(mail.status).toBe('updated');
    expect(mail.retiredRoles).toEqual([]);
    expect((await hub.services.serviceRoles.catalog()).some((r) => r.role === 'mail.postmaster')).toBe(false);
    await hub.services.serviceRegistry.register(testManifest({ roles: [POSTMASTER] }));
  });

  it('gives a service only its own declared roles, never a hub role or another service’s', async () => {
    const account = await accountWith(['admin', 'support', 'mail.postmaster', 'news.editor']);
    expect(await hub.services.serviceRoles.claimFor(account.id, 'mail')).toEqual(['mail.postmaster']);
    expect(await hub.services.serviceRoles.claimFor(account.id, 'news')).toEqual(['news.editor']);
    // A client that is no service gets no claim at all.
    expect(await hub.services.serviceRoles.claimFor(account.id, 'demo')).toBeUndefined();
    // A role named like another service's prefix is not this one's (`mail` vs a service `mail-archive`).
    await hub.services.serviceRegistry.register(
      testManifest({ id: 'mail-archive', defaultPort: 4103, roles: [POSTMASTER] }),
    );
    await insertRoles(hub.db, account.id, ['mail-archive.postmaster'], hub.clock.now());
    expect(await hub.services.serviceRoles.claimFor(account.id, 'mail')).toEqual(['mail.postmaster']);
    expect(await hub.services.serviceRoles.claimFor(account.id, 'mail-archive')).toEqual([
      'mail-archive.postmaster',
    ]);
  });

  it('refuses an invalid role declaration at registration with the problem listed', async () => {
    await expect(
      hub.services.serviceRegistry.register({
        ...news(),
        roles: [EDITOR, { ...EDITOR, label: { en: 'Again', 'zh-CN': '再次' } }],
      }),
    ).rejects.toMatchObject({
      status: 400,
      code: 'service.invalid_manifest',
      details: [{ path: 'roles.1.name', message: '"editor" is listed twice' }],
    });
  });
});

describe('GET /api/admin/roles', () => {
  let hub: TestHub;
  let admin: TestBrowser;
  let support: TestBrowser;
  let user: TestBrowser;

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.services.serviceRegistry.register(news());
    const signedIn = async (roles: string[]) => {
      const handle = uniqueHandle('staff');
      await hub.services.accounts.create({ handle, displayName: 'Staff', password: GOOD_PASSWORD, roles });
      const browser = new TestBrowser(hub);
      expect((await browser.signIn(handle)).status).toBe(200);
      return browser;
    };
    admin = await signedIn(['admin', 'news.editor']);
    support = await signedIn(['support']);
    user = await signedIn(['news.editor']);
  });
  afterAll(async () => {
    await hub.close();
  });

  it('lists the hub roles, then each declared service role, with labels and holders', async () => {
    const res = await admin.request('GET', '/api/admin/roles');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body.roles).toEqual([
      expect.objectContaining({
        role: 'admin',
        kind: 'hub',
        serviceId: null,
        label: { en: 'Administrator', 'zh-CN': '管理员' },
        retired: false,
        holders: 1,
      }),
      expect.objectContaining({ role: 'support', kind: 'hub', serviceId: null, holders: 1 }),
      {
        role: 'news.editor',
        kind: 'service',
        serviceId: 'news',
        label: EDITOR.label,
        description: EDITOR.description,
        retired: false,
        holders: 2,
      },
      expect.objectContaining({ role: 'news.writer', kind: 'service', holders: 0, retired: false }),
    ]);
  });

  it('is for staff who read accounts: support may, a service role gives no hub permission', async () => {
    expect((await support.request('GET', '/api/admin/roles')).status).toBe(200);
    const refused = await user.request('GET', '/api/admin/roles');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('auth.forbidden');
    expect((await new TestBrowser(hub).request('GET', '/api/admin/roles')).status).toBe(401);
  });
});

describe('GET /api/v1/roles/:sub (the service API)', () => {
  let hub: TestHub;
  let mailSecret: string;
  let newsSecret: string;

  beforeAll(async () => {
    hub = await startTestHub();
    mailSecret = (await hub.services.serviceRegistry.register(testManifest({ roles: [POSTMASTER] })))
      .clientSecret!;
    newsSecret = (await hub.services.serviceRegistry.register(news())).clientSecret!;
  });
  afterAll(async () => {
    await hub.close();
  });

  const serviceToken = async (id: string, secret: string) => {
    const res = await hub.app.request('/oidc/token', {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    return ((await res.json()) as { access_token: string }).access_token;
  };
  const rolesOf = async (sub: string, token: string | undefined) => {
    const res = await hub.app.request(`/api/v1/roles/${sub}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    // biome-ignore lint/suspicious/noExplicitAny: tests assert on the shape
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };

  it('answers the calling service’s own roles of an account, as they are now', async () => {
    const account = await hub.services.accounts.create({
      handle: uniqueHandle('r'),
      displayName: 'Role holder',
      password: GOOD_PASSWORD,
      roles: ['admin', 'mail.postmaster', 'news.editor'],
    });
    const mail = await rolesOf(account.id, await serviceToken('mail', mailSecret));
    expect(mail.status).toBe(200);
    expect(mail.headers.get('cache-control')).toBe('no-store');
    expect(mail.body).toEqual({ sub: account.id, roles: ['mail.postmaster'] });
    const newsToken = await serviceToken('news', newsSecret);
    expect((await rolesOf(account.id.toUpperCase(), newsToken)).body).toEqual({
      sub: account.id,
      roles: ['news.editor'],
    });
    await insertRoles(hub.db, account.id, ['news.writer'], hub.clock.now());
    expect((await rolesOf(account.id, newsToken)).body.roles).toEqual(['news.editor', 'news.writer']);
    // An account that does not exist holds nothing.
    expect((await rolesOf(crypto.randomUUID(), newsToken)).body.roles).toEqual([]);
  });

  it('needs the service’s client_credentials token and a UUID', async () => {
    const missing = await rolesOf(crypto.randomUUID(), undefined);
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe('token.invalid');
    expect((await rolesOf(crypto.randomUUID(), 'not-a-token')).status).toBe(401);
    const bad = await rolesOf('alice', await serviceToken('mail', mailSecret));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('request.invalid');
  });
});
