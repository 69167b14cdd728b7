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

describe('refresh tokens: revocation of a whole account', () => {
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

  /** Signs the browser in (a new account unless it already has a session) and answers fresh tokens. */
  async function tokensFor(browser: FlowBrowser, scope = 'openid profile offline_access') {
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    if (!browser.cookie) await browser.signUpAndIn();
    const res = await browser.get(url.href);
    expect(location(res).origin + location(res).pathname).toBe(REDIRECT);
    return client.authorizationCodeGrant(config, location(res), { pkceCodeVerifier: verifier });
  }

  it('revokeAllOfAccount stops every refresh token and access token of the account, and no one else’s', async () => {
    const owner = new FlowBrowser(server.url);
    const first = await tokensFor(owner);
    const offline = await tokensFor(owner, 'openid offline_access');
    const ownerId = first.claims()!.sub;
    const bystander = await tokensFor(new FlowBrowser(server.url));

    const revoked = await server.hub.db.transaction((tx) =>
      server.hub.services.grants.revokeAllOfAccount(ownerId, 'password_changed', tx),
    );
    expect(revoked).toBe(2);
    for (const tokens of [first, offline]) {
      await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
        error: 'invalid_grant',
      });
      expect((await client.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
    }
    expect((await client.refreshTokenGrant(config, bystander.refresh_token!)).access_token).toEqual(
      expect.any(String),
    );
    // Already revoked grants aren't counted again.
    expect(await server.hub.services.grants.revokeAllOfAccount(ownerId, 'password_changed')).toBe(0);
  });
});
