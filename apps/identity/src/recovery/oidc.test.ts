import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkIn, tokenOf, verifyEmail } from '../test/mail-links.js';
import {
  client,
  discover,
  FlowBrowser,
  location,
  type OidcTestServer,
  startOidcTestServer,
} from '../test/oidc.js';

const REDIRECT = 'http://localhost:9999/callback';

/**
 * What a relying party sees of recovery: `email_verified` in its tokens, and refresh tokens (offline ones too)
 * that stop working once a password is reset or an email change is undone.
 */
describe('recovery seen by a relying party (openid-client)', () => {
  let server: OidcTestServer;
  let config: client.Configuration;
  beforeAll(async () => {
    server = await startOidcTestServer();
    const created = await server.hub.services.clients.create({
      id: 'mail',
      name: 'Mail',
      redirectUris: [REDIRECT],
      firstParty: true,
      grantTypes: ['authorization_code', 'refresh_token'],
    });
    config = await discover(server, 'mail', created.clientSecret!);
  });
  afterAll(async () => {
    await server.close();
  });

  async function tokensFor(browser: FlowBrowser, scope = 'openid email offline_access') {
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const res = await browser.get(url.href);
    return client.authorizationCodeGrant(config, location(res), { pkceCodeVerifier: verifier });
  }
  const api = async (browser: FlowBrowser, method: string, path: string, body?: unknown) =>
    (await browser.api(method, path, body)).status;

  it('claims email_verified only once the address is verified, in the ID token and userinfo', async () => {
    const browser = new FlowBrowser(server.url);
    const { handle } = await browser.signUpAndIn();
    const before = await tokensFor(browser);
    // The address waits for its link: it is not the account's yet, so it isn't released at all.
    expect(before.claims()).not.toHaveProperty('email');
    await verifyEmail(server.hub, `${handle}@example.com`);
    const after = await tokensFor(browser);
    expect(after.claims()).toMatchObject({ email: `${handle}@example.com`, email_verified: true });
    const info = await client.fetchUserInfo(config, after.access_token, after.claims()!.sub);
    expect(info).toMatchObject({ email: `${handle}@example.com`, email_verified: true });
  });

  it('ends every refresh token, offline ones included, when the password is reset', async () => {
    const browser = new FlowBrowser(server.url);
    const { handle } = await browser.signUpAndIn();
    const email = `${handle}@example.com`;
    await verifyEmail(server.hub, email);
    const online = await tokensFor(browser, 'openid email');
    const offline = await tokensFor(browser);
    expect(await api(new FlowBrowser(server.url), 'POST', '/api/password-reset', { identifier: email })).toBe(
      202,
    );
    const token = tokenOf(await linkIn(server.hub, email, 'password_reset'));
    const reset = { token, password: 'a brand new passphrase for orbit' };
    expect(await api(new FlowBrowser(server.url), 'POST', '/api/password-reset/confirm', reset)).toBe(200);
    for (const tokens of [online, offline]) {
      if (!tokens.refresh_token) continue;
      await expect(client.refreshTokenGrant(config, tokens.refresh_token)).rejects.toMatchObject({
        error: 'invalid_grant',
      });
    }
    expect(offline.refresh_token).toEqual(expect.any(String));
  });

  it('ends every refresh token when an email change is undone', async () => {
    const browser = new FlowBrowser(server.url);
    const { handle } = await browser.signUpAndIn();
    const old = `${handle}@example.com`;
    await verifyEmail(server.hub, old);
    const offline = await tokensFor(browser);
    const next = `${handle}.new@example.com`;
    expect(await api(browser, 'PATCH', '/api/me', { email: next })).toBe(200);
    await verifyEmail(server.hub, next);
    const undo = tokenOf(await linkIn(server.hub, old, 'email_changed'));
    expect(await api(new FlowBrowser(server.url), 'POST', '/api/email/undo', { token: undo })).toBe(200);
    await expect(client.refreshTokenGrant(config, offline.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });
});
