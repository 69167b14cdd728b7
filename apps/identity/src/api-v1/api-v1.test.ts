import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../db/schema.js';
import { grantForTest } from '../membership/testkit.js';
import { testManifest } from '../services/testkit.js';
import { bodyOf, TestBrowser, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { createEntitlements } from './entitlements.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

interface TestAccount {
  id: string;
  accountNumber: string;
  handle: string;
}

describe('the service API (/api/v1)', () => {
  let hub: TestHub;
  let secret: string;
  let token: string;
  let alice: TestAccount;
  let bob: TestAccount;

  beforeAll(async () => {
    hub = await startTestHub();
    secret = (await hub.services.serviceRegistry.register(testManifest())).clientSecret!;
    token = await clientCredentials('mail', secret);
    const signUp = async (handle: string) =>
      (await new TestBrowser(hub).signUp({ handle, displayName: `${handle} the tester` })).body
        .account as TestAccount;
    alice = await signUp(uniqueHandle('alice'));
    bob = await signUp(uniqueHandle('bob'));
    await hub.services.accounts.setAvatar(alice.id, 'image/png', PNG);
  });
  afterAll(async () => {
    await hub.close();
  });

  async function clientCredentials(clientId: string, clientSecret: string, scope?: string) {
    const res = await hub.app.request('/oidc/token', {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }).toString(),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { access_token: string }).access_token;
  }

  /** A call as a service server makes it: a bearer token, no Origin, no cookie. */
  const call = (method: string, path: string, body?: unknown, bearer: string | null = token) =>
    hub.app.request(`/api/v1${path}`, {
      method,
      headers: {
        ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });

  const publicView = (account: TestAccount) => ({
    sub: account.id,
    accountNumber: account.accountNumber,
    handle: account.handle,
    displayName: `${account.handle} the tester`,
    picture: null,
    badges: { vipLevel: 0, activityLevel: 0 },
  });

  it('looks accounts up by account number and by handle, any case, and lists the unknown', async () => {
    const identifiers = [
      alice.accountNumber,
      bob.handle.toUpperCase(),
      'nobody-here',
      '12345678901',
      `${alice.handle}@example.com`,
      ' ',
      alice.accountNumber,
    ];
    const res = await call('POST', '/accounts/lookup', { identifiers });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await bodyOf(res);
    expect(body).toEqual({
      accounts: {
        [alice.accountNumber]: {
          ...publicView(alice),
          picture: expect.stringMatching(
            new RegExp(`^${hub.config.issuer}/api/accounts/${alice.id}/avatar\\?v=\\w+$`),
          ),
        },
        [bob.handle.toUpperCase()]: publicView(bob),
      },
      unknown: ['nobody-here', '12345678901', `${alice.handle}@example.com`, ' '],
    });
    // The picture is the avatar, as the portal serves it.
    const avatar = await hub.app.request(new URL(body.accounts[alice.accountNumber].picture).pathname);
    expect(avatar.status).toBe(200);
  });

  it('answers public profiles by sub, in the order asked, leaving out unknown ones', async () => {
    const res = await call('POST', '/accounts/profiles', {
      subs: [bob.id, randomUUID(), alice.id.toUpperCase(), bob.id],
    });
    expect(res.status).toBe(200);
    const body = await bodyOf(res);
    expect(body.accounts.map((a: { sub: string }) => a.sub)).toEqual([bob.id, alice.id]);
    expect(body.accounts[0]).toEqual(publicView(bob));
  });

  it('shows each account’s badges on its public profile, unless it turned them off', async () => {
    await hub.services.seedDefaultTiers();
    const carol = (await new TestBrowser(hub).signUp({ handle: uniqueHandle('carol') })).body.account;
    const dave = (await new TestBrowser(hub).signUp({ handle: uniqueHandle('dave') })).body.account;
    await grantForTest(hub, carol.id, 'vip');
    await grantForTest(hub, dave.id, 'vip');
    await hub.db.update(accounts).set({ showBadges: false }).where(eq(accounts.id, dave.id));
    const res = await call('POST', '/accounts/profiles', { subs: [carol.id, dave.id, bob.id] });
    const badges = (await bodyOf(res)).accounts.map((a: { badges: unknown }) => a.badges);
    expect(badges).toEqual([{ vipLevel: 1, activityLevel: 0 }, null, { vipLevel: 0, activityLevel: 0 }]);
    const found = await bodyOf(await call('POST', '/accounts/lookup', { identifiers: [carol.handle] }));
    expect(found.accounts[carol.handle].badges).toEqual({ vipLevel: 1, activityLevel: 0 });
  });

  it('answers an account’s entitlements: none without a membership', async () => {
    const res = await call('GET', `/entitlements/${alice.id}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ sub: alice.id, tiers: [], vipLevel: 0, activityLevel: 0, perks: {} });

    const missing = await call('GET', `/entitlements/${randomUUID()}`);
    expect(missing.status).toBe(404);
    expect((await bodyOf(missing)).error.code).toBe('account.not_found');
    const malformed = await call('GET', '/entitlements/not-a-uuid');
    expect(malformed.status).toBe(400);
    expect((await bodyOf(malformed)).error).toMatchObject({ code: 'request.invalid' });
  });

  it('refuses bad bodies with 400 (or 415) in the error shape, never 500', async () => {
    const cases: [string, unknown, number, string][] = [
      ['/accounts/lookup', { identifiers: [] }, 400, 'request.invalid'],
      [
        '/accounts/lookup',
        { identifiers: Array.from({ length: 101 }, (_, i) => `user${i}`) },
        400,
        'request.invalid',
      ],
      ['/accounts/lookup', { identifiers: [42] }, 400, 'request.invalid'],
      ['/accounts/lookup', { identifiers: ['x'.repeat(255)] }, 400, 'request.invalid'],
      ['/accounts/lookup', { identifier: 'alice' }, 400, 'request.invalid'],
      ['/accounts/lookup', '{"identifiers": [', 400, 'request.invalid_json'],
      ['/accounts/profiles', { subs: ['not-a-uuid'] }, 400, 'request.invalid'],
      ['/accounts/profiles', { subs: [] }, 400, 'request.invalid'],
      ['/accounts/profiles', null, 400, 'request.invalid'],
    ];
    for (const [path, body, status, code] of cases) {
      const res = await call('POST', path, body === null ? 'null' : body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect((await bodyOf(res)).error.code).toBe(code);
    }
    const plain = await hub.app.request('/api/v1/accounts/lookup', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      body: 'alice',
    });
    expect(plain.status).toBe(415);
    const hundred = Array.from({ length: 100 }, (_, i) => `user${i}`);
    expect((await call('POST', '/accounts/lookup', { identifiers: hundred })).status).toBe(200);
  });

  it('answers 401 token.invalid with a Bearer challenge without a good client_credentials token', async () => {
    const userToken = (
      await hub.services.tokens.accessToken({
        subject: alice.id,
        clientId: 'mail',
        audience: 'mail',
        scope: 'openid accounts:read',
      })
    ).token;
    for (const bearer of [null, 'not-a-jwt', `${token}x`, userToken]) {
      const res = await call('POST', '/accounts/lookup', { identifiers: [alice.handle] }, bearer);
      expect(res.status, String(bearer)).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="orbit"/);
      expect((await bodyOf(res)).error.code).toBe('token.invalid');
    }
    const basic = await hub.app.request('/api/v1/entitlements/x', {
      headers: { authorization: `Basic ${Buffer.from(`mail:${secret}`).toString('base64')}` },
    });
    expect(basic.status).toBe(401);
  });

  it('does not take a browser session instead of a token', async () => {
    const browser = new TestBrowser(hub);
    await browser.signIn(alice.handle);
    const res = await browser.request('POST', '/api/v1/accounts/lookup', { identifiers: [alice.handle] });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('token.invalid');
  });

  it('answers 403 token.insufficient_scope for a call the token has no scope for', async () => {
    const narrow = await clientCredentials('mail', secret, 'accounts:read');
    const res = await call('GET', `/entitlements/${alice.id}`, undefined, narrow);
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toBe(
      'Bearer realm="orbit", error="insufficient_scope", scope="entitlements:read"',
    );
    expect((await bodyOf(res)).error).toMatchObject({
      code: 'token.insufficient_scope',
      details: { scope: 'entitlements:read' },
    });
    expect((await call('POST', '/accounts/lookup', { identifiers: ['x'] }, narrow)).status).toBe(200);
  });

  it('stops a token whose scope the service no longer has', async () => {
    const { clientSecret } = await hub.services.serviceRegistry.register(
      testManifest({ id: 'notes', defaultPort: 4102 }),
    );
    const notesToken = await clientCredentials('notes', clientSecret!);
    await hub.services.serviceRegistry.register(
      testManifest({ id: 'notes', defaultPort: 4102, hubScopes: ['accounts:read'] }),
    );
    expect((await call('GET', `/entitlements/${alice.id}`, undefined, notesToken)).status).toBe(403);
  });

  it('stops the tokens of a disabled service, and takes them again once it is enabled', async () => {
    await hub.services.serviceRegistry.setDisabled('mail', true);
    const refused = await call('POST', '/accounts/lookup', { identifiers: [alice.handle] });
    expect(refused.status).toBe(401);
    expect((await bodyOf(refused)).error.code).toBe('token.invalid');
    await hub.services.serviceRegistry.setDisabled('mail', false);
    expect((await call('POST', '/accounts/lookup', { identifiers: [alice.handle] })).status).toBe(200);
  });

  it('refuses a revoked token', async () => {
    const revocable = await clientCredentials('mail', secret);
    await hub.app.request('/oidc/revoke', {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`mail:${secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ token: revocable }).toString(),
    });
    expect((await call('GET', `/entitlements/${alice.id}`, undefined, revocable)).status).toBe(401);
  });

  it('publishes the hub API scopes in discovery, but no user can grant them to a service', async () => {
    const discovery = await bodyOf(await hub.app.request('/.well-known/openid-configuration'));
    expect(discovery.scopes_supported).toEqual(
      expect.arrayContaining(['accounts:read', 'entitlements:read']),
    );

    for (const scope of ['openid entitlements:read', 'openid accounts:read']) {
      const url = new URL('/oidc/authorize', hub.config.issuer);
      url.search = new URLSearchParams({
        client_id: 'mail',
        redirect_uri: 'http://localhost:4101/auth/callback',
        response_type: 'code',
        scope,
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      }).toString();
      const res = await hub.app.request(url.pathname + url.search);
      expect(res.status).toBe(302);
      const to = new URL(res.headers.get('location')!);
      expect(to.origin + to.pathname).toBe('http://localhost:4101/auth/callback');
      expect(to.searchParams.get('error')).toBe('invalid_scope');
    }
  });

  it('answers unknown routes with 404 in the error shape', async () => {
    const res = await call('GET', '/accounts');
    expect(res.status).toBe(404);
    expect((await bodyOf(res)).error.code).toBe('route.not_found');
  });
});

describe('entitlements', () => {
  it('come from the source the membership layer supplies, told which service asks', async () => {
    const asked: unknown[] = [];
    const entitlements = createEntitlements({
      source: async (request) => {
        asked.push(request);
        if (request.accountId !== 'acct-1') return undefined;
        return { tiers: ['gold'], vipLevel: 3, activityLevel: 2, perks: { 'mail.quota_mb': 4096 } };
      },
    });
    expect(await entitlements.of('acct-1', 'mail')).toEqual({
      sub: 'acct-1',
      tiers: ['gold'],
      vipLevel: 3,
      activityLevel: 2,
      perks: { 'mail.quota_mb': 4096 },
    });
    expect(asked).toEqual([{ accountId: 'acct-1', serviceId: 'mail' }]);
    await expect(entitlements.of('acct-2', 'mail')).rejects.toMatchObject({ code: 'account.not_found' });
  });
});
