import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyEmail } from '../test/mail-links.js';
import {
  client,
  discover,
  FlowBrowser,
  location,
  type OidcTestServer,
  startOidcTestServer,
} from '../test/oidc.js';

const REDIRECT = 'http://localhost:9999/callback';

describe('OpenID Connect with openid-client as the relying party', () => {
  let server: OidcTestServer;
  let secret: string;
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
    secret = created.clientSecret!;
    config = await discover(server, 'mail', secret);
  });
  afterAll(async () => {
    await server.close();
  });

  /** Runs the code flow in a browser that is (or becomes) signed in at the hub; answers the callback URL. */
  async function authorize(browser: FlowBrowser, params: Record<string, string> = {}) {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid profile email offline_access',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...params,
    });
    let res = await browser.get(url.href);
    if (location(res).pathname === '/signin') {
      const account = browser.cookie ? undefined : await browser.signUpAndIn();
      if (account) await verifyEmail(server.hub, `${account.handle}@example.com`);
      res = await browser.get(location(res).searchParams.get('return_to')!);
    }
    expect(res.status).toBe(302);
    return { callback: new URL(res.headers.get('location')!), verifier, state, nonce };
  }

  it('publishes discovery with the endpoints and what the provider supports', () => {
    const meta = config.serverMetadata();
    expect(meta.issuer).toBe(server.url);
    expect(meta.response_types_supported).toEqual(['code']);
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    expect(meta.authorization_response_iss_parameter_supported).toBe(true);
  });

  it('completes code + PKCE, validates the ID token, reads userinfo, rotates refresh tokens, and revokes', async () => {
    const browser = new FlowBrowser(server.url);
    const { callback, verifier, state, nonce } = await authorize(browser);
    expect(callback.searchParams.get('iss')).toBe(server.url);
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({
      iss: server.url,
      aud: 'mail',
      azp: 'mail',
      nonce,
      acr: 'urn:orbit:acr:password',
      amr: ['pwd'],
    });
    expect(claims.sid).toEqual(expect.any(String));
    expect(claims.auth_time).toEqual(expect.any(Number));
    expect(claims.account_number).toMatch(/^\d{5,10}$/);
    // The address was verified through its link, so the ID token says so (OIDC Core §5.1).
    expect(claims).toMatchObject({ email: expect.stringContaining('@'), email_verified: true });
    expect(decodeProtectedHeader(tokens.access_token)).toMatchObject({ typ: 'at+jwt', alg: 'RS256' });
    expect(decodeJwt(tokens.access_token)).toMatchObject({ aud: 'mail', client_id: 'mail', sub: claims.sub });

    const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    expect(info).toMatchObject({
      sub: claims.sub,
      preferred_username: expect.any(String),
      email: expect.stringContaining('@'),
      email_verified: true,
    });

    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect(refreshed.claims()?.sub).toBe(claims.sub);

    await client.tokenRevocation(config, refreshed.refresh_token!);
    await expect(client.refreshTokenGrant(config, refreshed.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('stops a revoked access token, and every one of a revoked grant, at userinfo and introspection at once', async () => {
    const browser = new FlowBrowser(server.url);
    const first = await authorize(browser);
    const tokens = await client.authorizationCodeGrant(config, first.callback, {
      pkceCodeVerifier: first.verifier,
      expectedState: first.state,
      expectedNonce: first.nonce,
    });
    const sub = tokens.claims()!.sub;
    const sibling = (await client.refreshTokenGrant(config, tokens.refresh_token!)).access_token;
    // RFC 7009: this one token stops; its sibling of the same grant goes on.
    await client.tokenRevocation(config, tokens.access_token);
    await expect(client.fetchUserInfo(config, tokens.access_token, sub)).rejects.toBeDefined();
    expect((await client.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
    expect((await client.fetchUserInfo(config, sibling, sub)).sub).toBe(sub);
    expect((await client.tokenIntrospection(config, sibling)).active).toBe(true);
    // The grant revoked (as a sign-out does): every access token of it stops.
    const grantId = decodeJwt(sibling).gid as string;
    await server.hub.services.grants.revoke(grantId, 'test');
    await expect(client.fetchUserInfo(config, sibling, sub)).rejects.toBeDefined();
    expect((await client.tokenIntrospection(config, sibling)).active).toBe(false);
  });

  it('signs a user already signed in at the hub straight in (single sign-on)', async () => {
    const browser = new FlowBrowser(server.url);
    await browser.signUpAndIn();
    const res = await browser.get(
      client.buildAuthorizationUrl(config, {
        redirect_uri: REDIRECT,
        scope: 'openid',
        code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
        code_challenge_method: 'S256',
      }).href,
    );
    expect(location(res).origin + location(res).pathname).toBe(REDIRECT);
    expect(location(res).searchParams.get('code')).toEqual(expect.any(String));
  });

  it('refuses a replayed code and revokes what the first use issued', async () => {
    const browser = new FlowBrowser(server.url);
    const { callback, verifier, state, nonce } = await authorize(browser);
    const checks = { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce };
    const first = await client.authorizationCodeGrant(config, callback, checks);
    await expect(client.authorizationCodeGrant(config, callback, checks)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    await expect(client.refreshTokenGrant(config, first.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    const introspected = await client.tokenIntrospection(config, first.access_token);
    expect(introspected.active).toBe(false);
  });

  it('revokes the whole family when a used refresh token comes back', async () => {
    const browser = new FlowBrowser(server.url);
    const { callback, verifier, state, nonce } = await authorize(browser);
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
    });
    const next = await client.refreshTokenGrant(config, tokens.refresh_token!);
    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    await expect(client.refreshTokenGrant(config, next.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });
});
