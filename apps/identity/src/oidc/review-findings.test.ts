import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  discover,
  FlowBrowser,
  location,
  type OidcTestServer,
  startOidcTestServer,
} from '../test/oidc.js';

type App = 'mail' | 'blog' | 'narrow' | 'third';

/** The security review's OIDC findings, each on the real hub through openid-client. */
describe('OIDC review findings', () => {
  let server: OidcTestServer;
  const apps: Record<string, { config: client.Configuration; redirect: string }> = {};

  beforeAll(async () => {
    server = await startOidcTestServer();
    for (const [id, port, scopes] of [
      ['mail', 9201, undefined],
      ['blog', 9202, undefined],
      ['narrow', 9203, ['openid', 'profile']],
      ['third', 9204, undefined],
    ] as const) {
      const redirect = `http://localhost:${port}/callback`;
      const { clientSecret } = await server.hub.services.clients.create({
        id,
        name: id,
        firstParty: id !== 'third',
        redirectUris: [redirect],
        postLogoutRedirectUris: [`http://localhost:${port}/bye`],
        ...(scopes ? { scopes: [...scopes] } : {}),
      });
      apps[id] = { config: await discover(server, id, clientSecret), redirect };
    }
  });
  afterAll(async () => {
    await server.close();
  });

  async function authorize(browser: FlowBrowser, app: App, scope = 'openid profile') {
    const { config, redirect } = apps[app]!;
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirect,
      scope,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    return { res: await browser.get(url.href), verifier, url };
  }

  async function signInTo(browser: FlowBrowser, app: 'mail' | 'blog') {
    const { res, verifier } = await authorize(browser, app);
    return client.authorizationCodeGrant(apps[app]!.config, location(res), {
      pkceCodeVerifier: verifier,
      idTokenExpected: true,
    });
  }

  describe('id_token_hint', () => {
    it('an access token as hint gets the confirmation page, not a silent sign-out', async () => {
      const browser = new FlowBrowser(server.url);
      await browser.signUpAndIn();
      const tokens = await signInTo(browser, 'mail');
      const res = await browser.get(
        `/oidc/logout?${new URLSearchParams({
          id_token_hint: tokens.access_token,
          client_id: 'mail',
          post_logout_redirect_uri: 'http://localhost:9201/bye',
        })}`,
      );
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('name="csrf_token"');
      expect((await browser.api('GET', '/api/me')).status).toBe(200);
    });

    it('another account’s ID token as hint gets the confirmation page too', async () => {
      const other = new FlowBrowser(server.url);
      await other.signUpAndIn();
      const othersIdToken = (await signInTo(other, 'mail')).id_token!;
      const browser = new FlowBrowser(server.url);
      await browser.signUpAndIn();
      await signInTo(browser, 'mail');
      const res = await browser.get(`/oidc/logout?id_token_hint=${othersIdToken}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('name="csrf_token"');
      expect((await browser.api('GET', '/api/me')).status).toBe(200);
    });

    it('the user’s own ID token still signs out at once', async () => {
      const browser = new FlowBrowser(server.url);
      await browser.signUpAndIn();
      const tokens = await signInTo(browser, 'mail');
      const res = await browser.get(`/oidc/logout?id_token_hint=${tokens.id_token}`);
      expect(res.status).toBe(302);
      expect((await browser.api('GET', '/api/me')).status).toBe(401);
    });

    it('the authorization endpoint refuses an access token as hint', async () => {
      const browser = new FlowBrowser(server.url);
      await browser.signUpAndIn();
      const tokens = await signInTo(browser, 'mail');
      const { config, redirect } = apps.mail!;
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirect,
        scope: 'openid',
        id_token_hint: tokens.access_token,
        code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
        code_challenge_method: 'S256',
      });
      const res = await browser.get(url.href);
      expect(location(res).searchParams.get('error')).toBe('invalid_request');
    });
  });

  describe('a code presented by the wrong client', () => {
    it('is refused with invalid_grant and left for the rightful client', async () => {
      const browser = new FlowBrowser(server.url);
      await browser.signUpAndIn();
      const { res, verifier } = await authorize(browser, 'mail');
      const callback = location(res);
      const code = callback.searchParams.get('code')!;
      // Blog presents Mail's code (with Mail's verifier and redirect URI, as a thief would).
      const stolen = client.authorizationCodeGrant(
        apps.blog!.config,
        new URL(`${apps.blog!.redirect}?code=${code}&iss=${encodeURIComponent(server.url)}`),
        { pkceCodeVerifier: verifier, idTokenExpected: true },
        { redirect_uri: apps.mail!.redirect },
      );
      await expect(stolen).rejects.toMatchObject({ error: 'invalid_grant' });
      const tokens = await client.authorizationCodeGrant(apps.mail!.config, callback, {
        pkceCodeVerifier: verifier,
        idTokenExpected: true,
      });
      expect(tokens.access_token).toEqual(expect.any(String));
    });
  });

  describe('scopes', () => {
    const authorizeWith = async (browser: FlowBrowser, scope: string, app: App = 'mail') => {
      const { res, verifier } = await authorize(browser, app, scope);
      return { callback: location(res), verifier };
    };

    it('ignores scopes the hub doesn’t know (address, phone), as OpenID Connect Core §3.1.2.1 says', async () => {
      const browser = new FlowBrowser(server.url);
      await browser.signUpAndIn();
      const { callback, verifier } = await authorizeWith(
        browser,
        'openid profile address phone urn:example:x',
      );
      expect(callback.searchParams.get('error')).toBeNull();
      const tokens = await client.authorizationCodeGrant(apps.mail!.config, callback, {
        pkceCodeVerifier: verifier,
        idTokenExpected: true,
      });
      expect(tokens.scope?.split(' ').sort()).toEqual(['openid', 'profile']);
    });

    it('leaves out a known scope the client isn’t allowed, and says so in the granted scope', async () => {
      // `narrow` may have openid and profile only; a generic library asks for more by default.
      const browser = new FlowBrowser(server.url);
      await browser.signUpAndIn();
      const { callback, verifier } = await authorizeWith(
        browser,
        'openid profile email offline_access',
        'narrow',
      );
      expect(callback.searchParams.get('error')).toBeNull();
      const tokens = await client.authorizationCodeGrant(apps.narrow!.config, callback, {
        pkceCodeVerifier: verifier,
        idTokenExpected: true,
      });
      expect(tokens.scope?.split(' ').sort()).toEqual(['openid', 'profile']);
      expect(tokens.claims()).not.toHaveProperty('email');
    });

    it('still refuses the hub API scopes in a user’s flow, and a request left with no scope', async () => {
      const browser = new FlowBrowser(server.url);
      await browser.signUpAndIn();
      for (const scope of ['openid accounts:read', 'openid entitlements:read', 'address phone']) {
        const { callback } = await authorizeWith(browser, scope);
        expect(callback.searchParams.get('error'), scope).toBe('invalid_scope');
      }
    });
  });

  describe('sign-in interactions are bound to the browser that started them', () => {
    const interactionOf = (res: Response) => {
      const to = location(res);
      const resume = to.searchParams.get('return_to') ?? '';
      return { to, id: to.searchParams.get('interaction') ?? resume.split('/').pop()!, resume };
    };

    it('a leaked resume URL replayed in another browser gets the “start again” page', async () => {
      const victim = new FlowBrowser(server.url);
      const { res, verifier } = await authorize(victim, 'mail');
      const { to, resume } = interactionOf(res);
      expect(to.pathname).toBe('/signin');

      const attacker = new FlowBrowser(server.url);
      await attacker.signUpAndIn();
      const replayed = await attacker.get(resume);
      expect(replayed.status).toBe(400);
      expect(replayed.headers.get('location')).toBeNull();
      expect(await replayed.text()).toContain('interaction_expired');
      expect(res.headers.get('set-cookie')).toMatch(/orbit_interaction=[^;]+;.*HttpOnly/i);
      expect(res.headers.get('set-cookie')).toMatch(/SameSite=Lax/i);

      // The browser that started it still goes on.
      await victim.signUpAndIn();
      const resumed = await victim.get(resume);
      const callback = location(resumed);
      expect(callback.searchParams.get('code')).toEqual(expect.any(String));
      const tokens = await client.authorizationCodeGrant(apps.mail!.config, callback, {
        pkceCodeVerifier: verifier,
        idTokenExpected: true,
      });
      expect(tokens.access_token).toEqual(expect.any(String));
    });

    it('another browser can neither read nor answer the consent of an interaction', async () => {
      const user = new FlowBrowser(server.url);
      await user.signUpAndIn();
      const { res } = await authorize(user, 'third');
      const { to, id } = interactionOf(res);
      expect(to.pathname).toBe('/consent');

      const other = new FlowBrowser(server.url);
      await other.signUpAndIn();
      expect((await other.api('GET', `/api/oidc/interactions/${id}`)).status).toBe(404);
      const answer = await other.api('POST', `/api/oidc/interactions/${id}/consent`, { approve: true });
      expect(answer.status).toBe(404);
      expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('interaction.not_found');

      expect((await user.api('GET', `/api/oidc/interactions/${id}`)).status).toBe(200);
      const approved = await user.api('POST', `/api/oidc/interactions/${id}/consent`, { approve: true });
      expect(approved.status).toBe(200);
      const { redirectTo } = (await approved.json()) as { redirectTo: string };
      expect(new URL(redirectTo).searchParams.get('code')).toEqual(expect.any(String));
    });
  });
});
