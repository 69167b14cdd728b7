import { grantRoles, HttpBrowser, revokeRoles, signUp } from '@orbit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasRole } from './roles.js';
import { createOrbitService } from './service.js';
import { manifest, type SdkFixture, startSdkFixture } from './testing/fixture.js';

let f: SdkFixture;
beforeAll(async () => {
  // Roles read from the hub are not reused here, so each request sees a grant or revocation at once.
  f = await startSdkFixture({ rolesCacheMs: 0 });
});
afterAll(async () => {
  await f?.close();
});

/** A user signed up at the hub, given `roles` there, then signed in to the service. */
async function userWith(roles: string[]) {
  const browser = new HttpBrowser();
  const account = await signUp(browser, f.launched.url);
  await grantRoles(f.launched, account.id, roles);
  await browser.navigate(`${f.service.url}/`);
  return { browser, account };
}

const publish = (browser: HttpBrowser) => browser.json('POST', `${f.service.url}/api/articles`, {});

describe('user.roles', () => {
  it('holds the service’s own roles from the ID token, by full name; never a hub role', async () => {
    const { browser } = await userWith(['admin', 'sdk-test.editor', 'sdk-test.agent']);
    const me = await browser.json('GET', `${f.service.url}/api/me`);
    expect(me.body.user.roles).toEqual(['sdk-test.agent', 'sdk-test.editor']);
  });

  it('is empty for a user without roles', async () => {
    const { browser } = await userWith([]);
    expect((await browser.json('GET', `${f.service.url}/api/me`)).body.user.roles).toEqual([]);
  });
});

describe('requireRole', () => {
  it('lets a user holding the role through, by short or full name', async () => {
    const { browser } = await userWith(['sdk-test.editor']);
    const published = await publish(browser);
    expect(published.status).toBe(201);
    const desk = await browser.navigate(`${f.service.url}/desk`);
    expect(desk.response.status).toBe(200);
    expect(desk.text).toContain('Editor’s desk');
  });

  it('refuses an API call without the role with 403 role.required, naming the role', async () => {
    const { browser } = await userWith(['sdk-test.agent']);
    const refused = await publish(browser);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: 'role.required',
      message: 'This needs the role “Editor”.',
      details: { role: 'sdk-test.editor' },
    });
  });

  it('shows a browser a 403 page, in English and Chinese, with the way home', async () => {
    const { browser } = await userWith([]);
    const page = await browser.navigate(`${f.service.url}/desk`);
    expect(page.response.status).toBe(403);
    expect(page.url).toBe(`${f.service.url}/desk`);
    expect(page.text).toContain('This page of SDK test service needs the role “Editor”.');
    expect(page.text).toContain('此页面需要“编辑”角色');
    expect(page.text).toContain('href="/"');
  });

  it('needs a signed-in user first: 401 session.required', async () => {
    const reply = await new HttpBrowser().json('POST', `${f.service.url}/api/articles`, {});
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe('session.required');
  });

  it('follows a grant and a revocation at the hub without a new sign-in', async () => {
    const { browser, account } = await userWith([]);
    expect((await publish(browser)).status).toBe(403);

    await grantRoles(f.launched, account.id, ['sdk-test.editor']);
    expect((await publish(browser)).status).toBe(201);
    const roles = (await browser.json('GET', `${f.service.url}/api/roles`)).body;
    // What the ID token said at sign-in, and what the hub says now.
    expect(roles).toEqual({ atSignIn: [], now: ['sdk-test.editor'] });

    await revokeRoles(f.launched, account.id, ['sdk-test.editor']);
    expect((await publish(browser)).status).toBe(403);
  });

  it('reads a bearer token’s roles claim after requireBearer', async () => {
    const { account } = await userWith(['sdk-test.agent', 'admin']);
    const { tokens, serviceRoles } = f.launched.hub.services;
    const tokenFor = async (roles: string[] | undefined) =>
      (
        await tokens.accessToken({
          subject: account.id,
          clientId: 'sdk-test',
          audience: 'sdk-test',
          scope: 'openid',
          roles,
        })
      ).token;
    const call = (token: string) =>
      fetch(`${f.service.url}/api/tickets`, { headers: { authorization: `Bearer ${token}` } });

    // The claim as the hub's token endpoint makes it for this service.
    const claim = await serviceRoles.claimFor(account.id, 'sdk-test');
    expect(claim).toEqual(['sdk-test.agent']);
    const ok = await call(await tokenFor(claim));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ sub: account.id });

    const without = await call(await tokenFor([]));
    expect(without.status).toBe(403);
    expect(((await without.json()) as { error: { code: string } }).error.code).toBe('role.required');
    // Another service's role of the same name is not this one's.
    expect((await call(await tokenFor(['other.agent']))).status).toBe(403);
  });

  it('refuses, when built, a role the manifest does not declare', () => {
    expect(() => f.orbit.requireRole('editr')).toThrow(
      'requireRole: editr is not a role the sdk-test manifest declares (it declares: editor, agent).',
    );
    expect(() => f.orbit.requireRole('other.editor')).toThrow(/not a role the sdk-test manifest declares/);
    expect(() => f.orbit.requireRole('sdk-test.agent')).not.toThrow();
  });
});

describe('roles(sub)', () => {
  it('reuses what the hub said for rolesCacheMs', async () => {
    let now = Date.now();
    const orbit = createOrbitService({
      manifest,
      hubUrl: f.launched.url,
      publicUrl: f.service.url,
      credentials: { file: f.credentialsFile },
      sessions: f.sessions,
      clock: { now: () => new Date(now) },
      rolesCacheMs: 30_000,
    });
    const { account } = await userWith(['sdk-test.editor']);
    expect(await orbit.roles(account.id)).toEqual(['sdk-test.editor']);
    await revokeRoles(f.launched, account.id, ['sdk-test.editor']);
    expect(await orbit.roles(account.id)).toEqual(['sdk-test.editor']);
    now += 30_001;
    expect(await orbit.roles(account.id)).toEqual([]);
  });
});

describe('hasRole', () => {
  const user = { roles: ['news.editor', 'news.agent'] };

  it('matches a short name as the service’s role, and a full name exactly', () => {
    expect(hasRole(user, 'editor')).toBe(true);
    expect(hasRole(user, 'news.editor')).toBe(true);
    expect(hasRole(user, 'writer')).toBe(false);
    expect(hasRole(user, 'mail.editor')).toBe(false);
    expect(hasRole(user, 'itor')).toBe(false);
  });

  it('is false for nobody, or a token without roles', () => {
    expect(hasRole(undefined, 'editor')).toBe(false);
    expect(hasRole({}, 'editor')).toBe(false);
  });
});
