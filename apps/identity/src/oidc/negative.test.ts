import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  discover,
  FlowBrowser,
  location,
  type OidcTestServer,
  startOidcTestServer,
} from '../test/oidc.js';

const REDIRECT = 'http://localhost:9999/callback';
const OTHER_REDIRECT = 'http://localhost:9998/cb';

describe('what the OpenID certification plans check', () => {
  let server: OidcTestServer;
  let mailSecret: string;
  let blogSecret: string;
  let challenge: string;
  const verifier = client.randomPKCECodeVerifier();

  beforeAll(async () => {
    server = await startOidcTestServer();
    const clients = server.hub.services.clients;
    mailSecret = (
      await clients.create({ id: 'mail', name: 'Mail', redirectUris: [REDIRECT], firstParty: true })
    ).clientSecret!;
    blogSecret = (
      await clients.create({
        id: 'blog',
        name: 'Blog',
        redirectUris: [OTHER_REDIRECT],
        tokenEndpointAuthMethod: 'client_secret_post',
        grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'],
        scopes: ['openid', 'profile', 'accounts:read'],
      })
    ).clientSecret!;
    await clients.create({
      id: 'spa',
      name: 'Third-party SPA',
      type: 'public',
      redirectUris: ['http://127.0.0.1:5173/cb'],
    });
    challenge = await client.calculatePKCECodeChallenge(verifier);
  });
  afterAll(async () => {
    await server.close();
  });

  const authorizeUrl = (params: Record<string, string | undefined>) => {
    const url = new URL('/oidc/authorize', server.url);
    const all: Record<string, string | undefined> = {
      client_id: 'mail',
      redirect_uri: REDIRECT,
      response_type: 'code',
      scope: 'openid',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'st4te',
      ...params,
    };
    for (const [k, v] of Object.entries(all)) if (v !== undefined) url.searchParams.set(k, v);
    return url.href;
  };

  async function signedIn() {
    const browser = new FlowBrowser(server.url);
    await browser.signUpAndIn();
    return browser;
  }

  async function codeFor(browser: FlowBrowser, params: Record<string, string> = {}) {
    const res = await browser.get(authorizeUrl(params));
    return location(res).searchParams.get('code')!;
  }

  const token = (form: Record<string, string>, basic?: [string, string]) =>
    fetch(`${server.url}/oidc/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(basic
          ? { authorization: `Basic ${Buffer.from(`${basic[0]}:${basic[1]}`).toString('base64')}` }
          : {}),
      },
      body: new URLSearchParams(form),
    });

  it.each([
    ['an unregistered redirect URI', { redirect_uri: 'http://localhost:9999/evil' }],
    ['a missing redirect URI', { redirect_uri: undefined }],
    ['an unknown client', { client_id: 'nobody' }],
    ['a missing client_id', { client_id: undefined }],
  ])('shows its own error page, never redirecting, for %s', async (_name, params) => {
    const res = await new FlowBrowser(server.url).get(authorizeUrl(params));
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
  });

  it.each([
    ['unsupported_response_type', { response_type: 'token' }],
    ['unsupported_response_type', { response_type: 'code id_token' }],
    ['invalid_request', { code_challenge: undefined }],
    ['invalid_request', { code_challenge_method: 'plain' }],
    ['invalid_scope', { scope: 'openid entitlements:read' }],
    ['invalid_request', { prompt: 'none login' }],
    ['request_not_supported', { request: 'eyJ...' }],
  ])('answers %s at the redirect URI, with state and iss', async (error, params) => {
    const res = await (await signedIn()).get(authorizeUrl(params));
    expect(res.status).toBe(302);
    const to = location(res);
    expect(to.origin + to.pathname).toBe(REDIRECT);
    expect(to.searchParams.get('error')).toBe(error);
    expect(to.searchParams.get('state')).toBe('st4te');
    expect(to.searchParams.get('iss')).toBe(server.url);
  });

  it('answers prompt=none with login_required when nobody is signed in', async () => {
    const res = await new FlowBrowser(server.url).get(authorizeUrl({ prompt: 'none' }));
    expect(location(res).searchParams.get('error')).toBe('login_required');
  });

  it('sends a signed-out user to sign in, then on to the client', async () => {
    const browser = new FlowBrowser(server.url);
    const res = await browser.get(authorizeUrl({ login_hint: 'alice', ui_locales: 'zh-CN en' }));
    const signin = location(res);
    expect(signin.pathname).toBe('/signin');
    expect(signin.searchParams.get('login_hint')).toBe('alice');
    expect(signin.searchParams.get('ui_locales')).toBe('zh-CN en');
    await browser.signUpAndIn();
    const back = await browser.get(signin.searchParams.get('return_to')!);
    expect(location(back).searchParams.get('code')).toEqual(expect.any(String));
  });

  it('makes prompt=login and an exceeded max_age sign in again, and then honours the fresh sign-in', async () => {
    const browser = await signedIn();
    for (const params of [{ prompt: 'login' }, { max_age: '60' }]) {
      server.hub.clock.advance(120_000);
      const res = await browser.get(authorizeUrl(params));
      const signin = location(res);
      expect(signin.pathname).toBe('/signin');
      const me = await (await browser.api('GET', '/api/me')).json();
      await browser.signIn((me as { account: { handle: string } }).account.handle);
      const back = await browser.get(signin.searchParams.get('return_to')!);
      expect(location(back).searchParams.get('code')).toEqual(expect.any(String));
    }
    const fresh = await browser.get(authorizeUrl({ max_age: '60' }));
    expect(location(fresh).searchParams.get('code')).toEqual(expect.any(String));
  });

  it('refuses a code with the wrong verifier, the wrong redirect URI, another client, or after 60 seconds', async () => {
    const browser = await signedIn();
    const cases: [Record<string, string>, [string, string] | undefined][] = [
      [{ code_verifier: client.randomPKCECodeVerifier(), redirect_uri: REDIRECT }, ['mail', mailSecret]],
      [{ code_verifier: verifier, redirect_uri: OTHER_REDIRECT }, ['mail', mailSecret]],
      [
        { code_verifier: verifier, redirect_uri: REDIRECT, client_id: 'blog', client_secret: blogSecret },
        undefined,
      ],
    ];
    for (const [form, basic] of cases) {
      const code = await codeFor(browser);
      const res = await token({ grant_type: 'authorization_code', code, ...form }, basic);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toBe('invalid_grant');
    }
    const code = await codeFor(browser);
    server.hub.clock.advance(61_000);
    const late = await token(
      { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT },
      ['mail', mailSecret],
    );
    expect(((await late.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('refuses bad client authentication with 401 invalid_client', async () => {
    const attempts: [Record<string, string>, [string, string] | undefined][] = [
      [{}, ['mail', 'wrong-secret']],
      [{}, ['nobody', 'x']],
      [{ client_id: 'mail', client_secret: mailSecret }, undefined], // registered for basic, sent by post
      [{ client_id: 'blog' }, undefined], // no secret at all
    ];
    for (const [form, basic] of attempts) {
      const res = await token({ grant_type: 'client_credentials', ...form }, basic);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: string }).error).toBe('invalid_client');
    }
    const unsupported = await token({ grant_type: 'password', username: 'a', password: 'b' }, [
      'mail',
      mailSecret,
    ]);
    expect(((await unsupported.json()) as { error: string }).error).toBe('unsupported_grant_type');
  });

  it("keeps a token to its audience: blog can't use mail's token", async () => {
    const browser = await signedIn();
    const code = await codeFor(browser);
    const res = await token(
      { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT },
      ['mail', mailSecret],
    );
    const { access_token } = (await res.json()) as { access_token: string };
    const blog = await discover(server, 'blog', blogSecret, client.ClientSecretPost(blogSecret));
    expect((await client.tokenIntrospection(blog, access_token)).active).toBe(false);
    const mail = await discover(server, 'mail', mailSecret);
    expect((await client.tokenIntrospection(mail, access_token)).active).toBe(true);
  });

  it("stops a disabled client's access tokens at userinfo at once", async () => {
    const browser = await signedIn();
    const code = await codeFor(browser);
    const res = await token(
      { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT },
      ['mail', mailSecret],
    );
    const { access_token } = (await res.json()) as { access_token: string };
    const userinfo = () =>
      fetch(`${server.url}/oidc/userinfo`, { headers: { authorization: `Bearer ${access_token}` } });
    expect((await userinfo()).status).toBe(200);
    await server.hub.services.clients.setDisabled('mail', true);
    try {
      expect((await userinfo()).status).toBe(401);
    } finally {
      await server.hub.services.clients.setDisabled('mail', false);
    }
  });

  it('issues client_credentials tokens for the hub API, with only allowed scopes', async () => {
    const blog = await discover(server, 'blog', blogSecret, client.ClientSecretPost(blogSecret));
    const granted = await client.clientCredentialsGrant(blog, { scope: 'accounts:read' });
    expect(granted.scope).toBe('accounts:read');
    await expect(client.clientCredentialsGrant(blog, { scope: 'openid' })).rejects.toMatchObject({
      error: 'invalid_scope',
    });
    const mail = await discover(server, 'mail', mailSecret);
    await expect(client.clientCredentialsGrant(mail)).rejects.toMatchObject({ error: 'unauthorized_client' });
  });

  it('asks a third-party app for consent, remembers it, asks again on prompt=consent, and reports a refusal', async () => {
    const browser = await signedIn();
    const spa = (params: Record<string, string> = {}) =>
      authorizeUrl({
        client_id: 'spa',
        redirect_uri: 'http://127.0.0.1:5173/cb',
        scope: 'openid profile',
        ...params,
      });
    const first = location(await browser.get(spa()));
    expect(first.pathname).toBe('/consent');
    const interaction = first.searchParams.get('interaction')!;
    const shown = (await (await browser.api('GET', `/api/oidc/interactions/${interaction}`)).json()) as {
      client: { name: string };
      scopes: string[];
    };
    expect(shown).toMatchObject({ client: { name: 'Third-party SPA' }, scopes: ['openid', 'profile'] });
    const answer = (await (
      await browser.api('POST', `/api/oidc/interactions/${interaction}/consent`, { approve: true })
    ).json()) as { redirectTo: string };
    expect(new URL(answer.redirectTo).searchParams.get('code')).toEqual(expect.any(String));

    expect(new URL(location(await browser.get(spa())).href).searchParams.get('code')).toEqual(
      expect.any(String),
    );
    const consents = (await (await browser.api('GET', '/api/consents')).json()) as {
      consents: { clientId: string }[];
    };
    expect(consents.consents.map((c) => c.clientId)).toEqual(['spa']);

    const again = location(await browser.get(spa({ prompt: 'consent' })));
    expect(again.pathname).toBe('/consent');
    const denied = (await (
      await browser.api('POST', `/api/oidc/interactions/${again.searchParams.get('interaction')}/consent`, {
        approve: false,
      })
    ).json()) as { redirectTo: string };
    expect(new URL(denied.redirectTo).searchParams.get('error')).toBe('access_denied');

    expect((await browser.api('DELETE', '/api/consents/spa')).status).toBe(204);
    expect(location(await browser.get(spa())).pathname).toBe('/consent');
    expect(location(await browser.get(spa({ prompt: 'none' }))).searchParams.get('error')).toBe(
      'consent_required',
    );
  });

  it('lets a public client complete the flow with PKCE and no secret', async () => {
    const browser = await signedIn();
    const spaUrl = authorizeUrl({ client_id: 'spa', redirect_uri: 'http://127.0.0.1:5173/cb' });
    const consent = location(await browser.get(spaUrl)).searchParams.get('interaction')!;
    const { redirectTo } = (await (
      await browser.api('POST', `/api/oidc/interactions/${consent}/consent`, { approve: true })
    ).json()) as { redirectTo: string };
    const code = new URL(redirectTo).searchParams.get('code')!;
    const res = await token({
      grant_type: 'authorization_code',
      client_id: 'spa',
      code,
      code_verifier: verifier,
      redirect_uri: 'http://127.0.0.1:5173/cb',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
