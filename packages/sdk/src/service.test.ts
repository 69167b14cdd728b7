import { writeFile } from 'node:fs/promises';
import { HttpBrowser, rotateSecret, signIn, signOut, signUp, type TestAccount } from '@orbit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type SdkFixture, startSdkFixture } from './testing/fixture.js';

let f: SdkFixture;
beforeAll(async () => {
  f = await startSdkFixture();
});
afterAll(async () => {
  await f?.close();
});

/** A browser signed up (and so signed in) at the hub, not yet at the service. */
async function hubUser(): Promise<{ browser: HttpBrowser; account: TestAccount }> {
  const browser = new HttpBrowser();
  const account = await signUp(browser, f.launched.url);
  return { browser, account };
}

describe('signing in through the hub', () => {
  it('signs a user who is signed in at the hub straight in, without a password (single sign-on)', async () => {
    const { browser, account } = await hubUser();
    const visit = await browser.navigate(`${f.service.url}/`);
    expect(visit.url).toBe(`${f.service.url}/`);
    expect(visit.text).toContain(`Hello ${account.handle}`);
    expect(visit.visited.some((url) => url.startsWith(`${f.launched.url}/oidc/authorize`))).toBe(true);
    const me = await browser.json('GET', `${f.service.url}/api/me`);
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({
      sub: account.id,
      accountNumber: account.accountNumber,
      handle: account.handle,
      displayName: account.displayName,
      acr: 'urn:orbit:acr:password',
      amr: ['pwd'],
    });
    expect(me.body.user.sid).toEqual(expect.any(String));
  });

  it('sends a visitor nobody signed in to the hub’s sign-in page, and back to where they were going', async () => {
    const browser = new HttpBrowser();
    const visit = await browser.navigate(`${f.service.url}/?tab=2`);
    expect(new URL(visit.url).origin).toBe(f.launched.url);
    expect(new URL(visit.url).pathname).toBe('/signin');
    const account = await signUp(new HttpBrowser(), f.launched.url);
    await signIn(browser, f.launched.url, account.handle);
    // The portal's sign-in page continues the authorization request once the password is accepted.
    const resume = new URL(visit.url).searchParams.get('return_to') ?? '';
    expect(resume).toMatch(/^\/oidc\/authorize\/resume\//);
    const back = await browser.navigate(`${f.launched.url}${resume}`);
    expect(back.url).toBe(`${f.service.url}/?tab=2`);
    expect(back.text).toContain(`Hello ${account.handle}`);
  });

  it('answers API calls without a session with 401 session.required', async () => {
    const reply = await new HttpBrowser().json('GET', `${f.service.url}/api/me`);
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe('session.required');
    const open = await new HttpBrowser().json('GET', `${f.service.url}/api/public`);
    expect(open.body).toEqual({ handle: null });
  });

  it('never returns to another site after sign-in', async () => {
    const { browser } = await hubUser();
    const visit = await browser.navigate(`${f.service.url}/auth/login?return_to=//evil.example/x`);
    expect(visit.url).toBe(`${f.service.url}/`);
  });

  it('refuses a callback whose state it did not start', async () => {
    const { browser } = await hubUser();
    const first = await browser.fetch(`${f.service.url}/auth/login`);
    const authorize = new URL(first.headers.get('location') ?? '');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    const forged = await browser.navigate(`${f.service.url}/auth/callback?code=abc&state=not-the-state`);
    expect(forged.response.status).toBe(400);
    expect(forged.text).toContain('Sign-in expired');
    expect((await browser.json('GET', `${f.service.url}/api/me`)).status).toBe(401);
  });

  it('refuses cookie-authenticated writes from another origin', async () => {
    const { browser } = await hubUser();
    await browser.navigate(`${f.service.url}/`);
    const own = await browser.json('POST', `${f.service.url}/api/notes`, { text: 'hi' });
    expect(own.status).toBe(201);
    const cross = await browser.json(
      'POST',
      `${f.service.url}/api/notes`,
      { text: 'hi' },
      // Another service on this host: same site (ports don't count), so the Lax session cookie goes along.
      { origin: 'http://localhost:1' },
    );
    expect(cross.status).toBe(403);
    expect(cross.body.error.code).toBe('csrf.cross_origin');
  });
});

/** The one-time token in the sign-out confirmation page's form. */
function confirmationToken(page: string): string {
  const token = /name="orbit_logout_token" value="([^"]+)"/.exec(page)?.[1];
  if (!token) throw new Error('no sign-out token on the page');
  return token;
}

describe('signing out', () => {
  it('ends the service session when the user signs out at the hub (back-channel logout)', async () => {
    const { browser } = await hubUser();
    await browser.navigate(`${f.service.url}/`);
    expect((await browser.json('GET', `${f.service.url}/api/me`)).status).toBe(200);
    await signOut(browser, f.launched.url);
    await eventually(async () => (await browser.json('GET', `${f.service.url}/api/me`)).status === 401);
  });

  /** Signed out here and at the hub: the service's pages send the visitor to the hub's sign-in page. */
  async function expectSignedOut(browser: HttpBrowser) {
    expect((await browser.json('GET', `${f.launched.url}/api/session`)).status).toBe(401);
    expect((await browser.json('GET', `${f.service.url}/api/me`)).status).toBe(401);
    const again = await browser.navigate(`${f.service.url}/`);
    expect(new URL(again.url).pathname).toBe('/signin');
  }

  it('signs out here and at the hub from the page’s own sign-out form, posted with Origin: null', async () => {
    const { browser } = await hubUser();
    const page = await browser.navigate(`${f.service.url}/`);
    // Every Orbit page sends no-referrer, under which Chromium posts a same-origin form with `Origin: null`
    // (and `Sec-Fetch-Site: same-origin`) — what HttpBrowser sends too.
    expect(page.response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.text).toContain('action="/auth/logout"');
    const out = await browser.submit('/auth/logout');
    expect(out.visited[1]).toMatch(new RegExp(`^${f.launched.url}/oidc/logout\\?`));
    // Back at the service's post-logout page, which (being signed in only) sends the visitor to sign in again.
    expect(out.visited).toContain(`${f.service.url}/`);
    expect(new URL(out.url).pathname).toBe('/signin');
    await expectSignedOut(browser);
  });

  it('signs out from a script’s POST of its own origin, and a link on its own page', async () => {
    const posted = await hubUser();
    await posted.browser.navigate(`${f.service.url}/`);
    const reply = await posted.browser.fetch(`${f.service.url}/auth/logout`, { method: 'POST' });
    expect(reply.status).toBe(302);
    expect(reply.headers.get('location')).toMatch(new RegExp(`^${f.launched.url}/oidc/logout\\?`));
    expect((await posted.browser.json('GET', `${f.service.url}/api/me`)).status).toBe(401);

    const linked = await hubUser();
    await linked.browser.navigate(`${f.service.url}/`);
    await linked.browser.click('/auth/logout');
    await expectSignedOut(linked.browser);
  });

  it('asks before signing out when another site sent the user there, and its own button then works', async () => {
    const { browser } = await hubUser();
    await browser.navigate(`${f.service.url}/`);
    // A form on another site posts to the sign-out URL (the Lax session cookie stays behind), or links to it.
    browser.page = { url: 'https://evil.example/', referrerPolicy: 'no-referrer' };
    const lured = await browser.submit(`${f.service.url}/auth/logout`);
    expect(lured.response.status).toBe(200);
    expect(lured.text).toContain('sdk-confirm-logout');
    browser.page = { url: 'https://evil.example/', referrerPolicy: 'strict-origin-when-cross-origin' };
    const linked = await browser.click(`${f.service.url}/auth/logout`);
    expect(linked.text).toContain('sdk-confirm-logout');
    expect((await browser.json('GET', `${f.service.url}/api/me`)).status).toBe(200);
    // The confirmation keeps its origin on its own form, and its button signs out (no loop).
    expect(linked.response.headers.get('referrer-policy')).toBe('same-origin');
    const confirmed = await browser.submit('/auth/logout', {
      orbit_logout_token: confirmationToken(linked.text),
    });
    expect(confirmed.visited[1]).toMatch(new RegExp(`^${f.launched.url}/oidc/logout\\?`));
    await expectSignedOut(browser);
  });

  it('never takes Origin: null alone for the service’s own page', async () => {
    // A browser without Fetch Metadata: its no-referrer form post says only `Origin: null`, as a sandboxed
    // frame's would; so it is asked, and the confirmation's token (not the origin) lets its button through.
    const browser = new HttpBrowser({ fetchMetadata: false });
    await signUp(browser, f.launched.url);
    await browser.navigate(`${f.service.url}/`);
    const asked = await browser.submit('/auth/logout');
    expect(asked.text).toContain('sdk-confirm-logout');
    expect((await browser.json('GET', `${f.service.url}/api/me`)).status).toBe(200);
    const token = confirmationToken(asked.text);
    // Under no-referrer again (say, an extension strips the policy): only the token can vouch for the post.
    browser.page = { url: `${f.service.url}/auth/logout`, referrerPolicy: 'no-referrer' };
    const wrong = await browser.submit('/auth/logout', { orbit_logout_token: `${token.slice(1)}x` });
    expect(wrong.text).toContain('sdk-confirm-logout');
    expect((await browser.json('GET', `${f.service.url}/api/me`)).status).toBe(200);
    browser.page = { url: `${f.service.url}/auth/logout`, referrerPolicy: 'no-referrer' };
    const confirmed = await browser.submit('/auth/logout', {
      orbit_logout_token: confirmationToken(wrong.text),
    });
    expect(confirmed.visited[1]).toMatch(new RegExp(`^${f.launched.url}/oidc/logout\\?`));
    await expectSignedOut(browser);
  });

  it('refuses another origin’s POST even with a same-origin Sec-Fetch-Site', async () => {
    const { browser } = await hubUser();
    await browser.navigate(`${f.service.url}/`);
    const forged = await browser.fetch(`${f.service.url}/auth/logout`, {
      method: 'POST',
      headers: { origin: 'http://localhost:1', 'sec-fetch-site': 'same-origin' },
    });
    expect(forged.status).toBe(200);
    expect(await forged.text()).toContain('sdk-confirm-logout');
    expect((await browser.json('GET', `${f.service.url}/api/me`)).status).toBe(200);
  });

  it('refuses logout tokens that are not the hub’s', async () => {
    const post = (body: string) =>
      fetch(`${f.service.url}/auth/backchannel-logout`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    expect((await post('')).status).toBe(400);
    expect((await post('logout_token=not.a.jwt')).status).toBe(400);
    // An ID token is signed by the hub but is not a logout token (typ, events).
    const idToken = await f.launched.hub.services.tokens.logoutToken({
      clientId: 'someone-else',
      sessionId: 'x',
    });
    expect((await post(`logout_token=${idToken}`)).status).toBe(400);
  });
});

describe('bearer access tokens', () => {
  it('accepts an access token the hub issued to this service, and refuses one issued to another', async () => {
    const { account } = await hubUser();
    const tokens = f.launched.hub.services.tokens;
    const mine = await tokens.accessToken({
      subject: account.id,
      clientId: 'sdk-test',
      audience: 'sdk-test',
      scope: 'openid',
    });
    const ok = await fetch(`${f.service.url}/api/bearer`, {
      headers: { authorization: `Bearer ${mine.token}` },
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ sub: account.id });

    const theirs = await tokens.accessToken({
      subject: account.id,
      clientId: 'other',
      audience: 'other',
      scope: 'openid',
    });
    const refused = await fetch(`${f.service.url}/api/bearer`, {
      headers: { authorization: `Bearer ${theirs.token}` },
    });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('token.wrong_audience');

    const narrow = await tokens.accessToken({
      subject: account.id,
      clientId: 'sdk-test',
      audience: 'sdk-test',
      scope: 'profile',
    });
    const scoped = await fetch(`${f.service.url}/api/bearer`, {
      headers: { authorization: `Bearer ${narrow.token}` },
    });
    expect(scoped.status).toBe(403);
    expect(((await scoped.json()) as { error: { code: string } }).error.code).toBe('token.missing_scope');

    const none = await fetch(`${f.service.url}/api/bearer`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
  });
});

describe('service credentials', () => {
  it('picks up a rotated secret from its credentials file without a restart', async () => {
    // No grace: the secret the service holds stops at once, so it must read the file again.
    const { clientSecret: secret } = await rotateSecret(f.launched, 'sdk-test', 0);
    await writeFile(
      f.credentialsFile,
      JSON.stringify({ issuer: f.launched.url, clientId: 'sdk-test', clientSecret: secret }),
    );
    const { browser } = await hubUser();
    const visit = await browser.navigate(`${f.service.url}/`);
    expect(visit.text).toContain('Hello');
  });
});

describe('calling the hub', () => {
  it('looks accounts up by number and handle, and fetches public profiles', async () => {
    const { account } = await hubUser();
    const found = await f.orbit.hub.lookupAccounts([
      account.accountNumber,
      account.handle.toUpperCase(),
      'nobody-here',
    ]);
    expect(found.accounts[account.accountNumber]).toMatchObject({ sub: account.id, handle: account.handle });
    expect(found.accounts[account.handle.toUpperCase()]?.sub).toBe(account.id);
    expect(found.unknown).toEqual(['nobody-here']);
    const profiles = await f.orbit.hub.profiles([account.id]);
    expect(profiles).toEqual([
      {
        sub: account.id,
        accountNumber: account.accountNumber,
        handle: account.handle,
        displayName: account.displayName,
        picture: null,
        badges: { vipLevel: 0, activityLevel: 0 },
      },
    ]);
  });

  it('gives a perk its manifest default while the account holds no membership', async () => {
    const { browser } = await hubUser();
    await browser.navigate(`${f.service.url}/`);
    expect((await browser.json('GET', `${f.service.url}/api/perk`)).body).toEqual({ storage: 100 });
    const vip = await browser.json('GET', `${f.service.url}/api/vip`);
    expect(vip.status).toBe(403);
    expect(vip.body.error).toMatchObject({ code: 'vip.required', details: { tier: 'vip' } });
  });

  it('answers the launcher’s badge request the hub signs, and nobody else’s', async () => {
    const { browser } = await hubUser();
    const badge = await browser.json('GET', `${f.launched.url}/api/services/sdk-test/badge`);
    expect(badge.body).toEqual({ count: 7 });
    const forged = await fetch(`${f.service.url}/orbit/badge`, {
      headers: { authorization: 'Bearer x.y.z' },
    });
    expect(forged.status).toBe(401);
  });
});
