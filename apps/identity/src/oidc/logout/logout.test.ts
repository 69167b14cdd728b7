import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  discover,
  FlowBrowser,
  location,
  type OidcTestServer,
  startOidcTestServer,
} from '../../test/oidc.js';
import { startReceiver } from '../../test/receiver.js';

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

describe('logout: RP-initiated and back-channel', () => {
  let server: OidcTestServer;
  let rp: Receiver;
  const apps: Record<string, { config: client.Configuration; redirect: string }> = {};

  beforeAll(async () => {
    server = await startOidcTestServer();
    rp = await startReceiver();
    for (const id of ['mail', 'blog']) {
      const redirect = `http://localhost:${id === 'mail' ? 9101 : 9102}/callback`;
      const { clientSecret } = await server.hub.services.clients.create({
        id,
        name: id,
        firstParty: true,
        redirectUris: [redirect],
        postLogoutRedirectUris: [`http://localhost:${id === 'mail' ? 9101 : 9102}/bye`],
        backchannelLogoutUri: rp.url(`/${id}/backchannel`),
      });
      apps[id] = { config: await discover(server, id, clientSecret), redirect };
    }
  });
  afterAll(async () => {
    await server.close();
    await rp.close();
  });

  async function signInTo(browser: FlowBrowser, app: 'mail' | 'blog', scope = 'openid profile') {
    const { config, redirect } = apps[app]!;
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirect,
      scope,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const res = await browser.get(url.href);
    return client.authorizationCodeGrant(config, location(res), {
      pkceCodeVerifier: verifier,
      idTokenExpected: true,
    });
  }

  async function logoutTokensFor(sid: string) {
    await server.hub.services.backchannel.deliverDue();
    const jwks = createLocalJWKSet((await (await fetch(`${server.url}/oidc/jwks`)).json()) as never);
    const tokens = [];
    for (const { path, form } of rp.received) {
      const token = form.get('logout_token')!;
      const { sid: tokenSid, iat } = decodeJwt(token);
      if (tokenSid !== sid) continue;
      // Each token is checked as its receiver would have, when it arrived.
      const { payload, protectedHeader } = await jwtVerify(token, jwks, {
        issuer: server.url,
        typ: 'logout+jwt',
        currentDate: new Date((iat ?? 0) * 1000),
      });
      tokens.push({ path, payload, protectedHeader });
    }
    return tokens;
  }

  it('tells every client of a session when the user signs out at the hub, with a valid logout token', async () => {
    const browser = new FlowBrowser(server.url);
    await browser.signUpAndIn();
    const mail = await signInTo(browser, 'mail');
    await signInTo(browser, 'blog');
    const sid = mail.claims()!.sid as string;
    expect((await browser.api('DELETE', '/api/sessions/current')).status).toBe(204);

    const tokens = await logoutTokensFor(sid);
    expect(tokens.map((t) => t.path).sort()).toEqual(['/blog/backchannel', '/mail/backchannel']);
    const mailToken = tokens.find((t) => t.path === '/mail/backchannel')!;
    expect(mailToken.protectedHeader.typ).toBe('logout+jwt');
    expect(mailToken.payload).toMatchObject({ aud: 'mail', sid, sub: mail.claims()!.sub });
    expect(mailToken.payload.events).toEqual({ 'http://schemas.openid.net/event/backchannel-logout': {} });
    expect(mailToken.payload).not.toHaveProperty('nonce');
    await expect(client.refreshTokenGrant(apps.mail!.config, mail.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('does the same when the session is revoked from another device, or expires while idle', async () => {
    const phone = new FlowBrowser(server.url);
    const account = await phone.signUpAndIn();
    const laptop = new FlowBrowser(server.url);
    await laptop.signIn(account.handle);
    const onLaptop = await signInTo(laptop, 'mail');
    const laptopSid = onLaptop.claims()!.sid as string;
    expect((await phone.api('DELETE', `/api/sessions/${laptopSid}`)).status).toBe(204);
    expect(await logoutTokensFor(laptopSid)).toHaveLength(1);

    const idle = await signInTo(phone, 'blog');
    server.hub.clock.advance(server.hub.config.session.idleMs + 1000);
    expect(await logoutTokensFor(idle.claims()!.sid as string)).toHaveLength(1);
  });

  it('retries a delivery the client failed to take, and keeps offline access alive', async () => {
    const browser = new FlowBrowser(server.url);
    await browser.signUpAndIn();
    const offline = await signInTo(browser, 'mail', 'openid offline_access');
    const sid = offline.claims()!.sid as string;
    rp.answerNext(503);
    await browser.api('DELETE', '/api/sessions/current');
    expect(await logoutTokensFor(sid)).toHaveLength(1); // the failed attempt was received too
    server.hub.clock.advance(60_000);
    expect(await logoutTokensFor(sid)).toHaveLength(2); // …and retried
    server.hub.clock.advance(3_600_000);
    expect(await logoutTokensFor(sid)).toHaveLength(2); // delivered: no more attempts
    const refreshed = await client.refreshTokenGrant(apps.mail!.config, offline.refresh_token!);
    expect(refreshed.access_token).toEqual(expect.any(String));
  });

  it('ends the hub session from the client with id_token_hint, returning to a registered URI with state', async () => {
    const browser = new FlowBrowser(server.url);
    await browser.signUpAndIn();
    const mail = await signInTo(browser, 'mail');
    await signInTo(browser, 'blog');
    const url = client.buildEndSessionUrl(apps.mail!.config, {
      id_token_hint: mail.id_token!,
      post_logout_redirect_uri: 'http://localhost:9101/bye',
      state: 'see-you',
    });
    const res = await browser.get(url.href);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('http://localhost:9101/bye?state=see-you');
    expect((await browser.api('GET', '/api/me')).status).toBe(401);
    const paths = (await logoutTokensFor(mail.claims()!.sid as string)).map((t) => t.path).sort();
    expect(paths).toEqual(['/blog/backchannel', '/mail/backchannel']);
  });

  it('refuses an unregistered post-logout URI, and asks the user when no hint proves the request', async () => {
    const browser = new FlowBrowser(server.url);
    await browser.signUpAndIn();
    const mail = await signInTo(browser, 'mail');
    const evil = await browser.get(
      `/oidc/logout?id_token_hint=${mail.id_token}&post_logout_redirect_uri=${encodeURIComponent('https://evil.example/')}`,
    );
    expect(evil.status).toBe(400);
    expect(evil.headers.get('location')).toBeNull();

    const ask = await browser.get(
      '/oidc/logout?client_id=mail&post_logout_redirect_uri=http%3A%2F%2Flocalhost%3A9101%2Fbye',
    );
    expect(ask.status).toBe(200);
    const page = await ask.text();
    expect((await browser.api('GET', '/api/me')).status).toBe(200); // not signed out by merely visiting
    const csrf = /name="csrf_token" value="([^"]+)"/.exec(page)![1]!;
    const confirm = await fetch(`${server.url}/oidc/logout/confirm`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: browser.cookie! },
      body: new URLSearchParams({
        client_id: 'mail',
        post_logout_redirect_uri: 'http://localhost:9101/bye',
        csrf_token: csrf,
        decision: 'logout',
      }),
    });
    expect(confirm.headers.get('location')).toBe('http://localhost:9101/bye');
    expect((await browser.api('GET', '/api/me')).status).toBe(401);
  });
});
