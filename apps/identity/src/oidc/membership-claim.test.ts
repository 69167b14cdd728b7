import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endForTest, grantForTest } from '../membership/testkit.js';
import { MAIL_PERKS, testManifest } from '../services/testkit.js';
import {
  client,
  discover,
  FlowBrowser,
  location,
  type OidcTestServer,
  startOidcTestServer,
} from '../test/oidc.js';

const MAIL_ORIGIN = 'http://localhost:9998';
const MAIL_CALLBACK = `${MAIL_ORIGIN}/auth/callback`;
const DEMO_CALLBACK = 'http://localhost:9997/callback';

describe('the membership scope and claim', () => {
  let server: OidcTestServer;
  let mail: client.Configuration;
  let demo: client.Configuration;

  beforeAll(async () => {
    server = await startOidcTestServer();
    const { services } = server.hub;
    const registered = await services.serviceRegistry.register(
      testManifest({
        scopes: ['openid', 'profile', 'membership'],
        perks: [...MAIL_PERKS],
      }),
      MAIL_ORIGIN,
    );
    await services.seedDefaultTiers();
    mail = await discover(server, 'mail', registered.clientSecret!);
    // An OAuth client that is not a service: it may ask for the claim, but no service's perks are its own.
    const created = await services.clients.create({
      id: 'demo',
      name: 'Demo',
      redirectUris: [DEMO_CALLBACK],
      scopes: ['openid', 'membership'],
      firstParty: true,
    });
    demo = await discover(server, 'demo', created.clientSecret!);
  });
  afterAll(async () => {
    await server.close();
  });

  /** Signs a new account in through the code flow; answers its tokens. */
  async function signIn(
    config: client.Configuration,
    redirectUri: string,
    scope: string,
    browser = new FlowBrowser(server.url),
  ) {
    const verifier = client.randomPKCECodeVerifier();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      nonce,
    });
    if (!browser.cookie) await browser.signUpAndIn();
    const res = await browser.get(url.href);
    expect(res.status).toBe(302);
    const tokens = await client.authorizationCodeGrant(config, location(res), {
      pkceCodeVerifier: verifier,
      expectedNonce: nonce,
      idTokenExpected: true,
    });
    return { tokens, claims: tokens.claims()!, browser };
  }

  it('is published in discovery as a scope and a claim', () => {
    const meta = mail.serverMetadata();
    expect(meta.scopes_supported).toContain('membership');
    expect(meta.claims_supported).toContain('membership');
  });

  it('puts the tiers, levels and the service’s own perks in the ID token and userinfo', async () => {
    const browser = new FlowBrowser(server.url);
    const account = await browser.signUpAndIn();
    const subscription = await grantForTest(server.hub, account.id, 'svip');
    const { tokens, claims } = await signIn(mail, MAIL_CALLBACK, 'openid profile membership', browser);
    const membership = {
      tiers: ['svip', 'vip'],
      vip_level: 1,
      activity_level: 0,
      perks: { 'mail.quota_mb': 51200, 'mail.attachment_mb': 100 },
    };
    expect(claims.membership).toEqual(membership);
    expect(await client.fetchUserInfo(mail, tokens.access_token, account.id)).toMatchObject({ membership });

    // Read when each token is issued: a refresh after the membership ended says so.
    await endForTest(server.hub, subscription);
    const refreshed = await client.refreshTokenGrant(mail, tokens.refresh_token!);
    expect(refreshed.claims()?.membership).toEqual({ tiers: [], vip_level: 0, activity_level: 0, perks: {} });
  });

  it('is left out without the membership scope', async () => {
    const { tokens, claims } = await signIn(mail, MAIL_CALLBACK, 'openid profile');
    expect(claims).not.toHaveProperty('membership');
    expect(await client.fetchUserInfo(mail, tokens.access_token, claims.sub)).not.toHaveProperty(
      'membership',
    );
  });

  it('gives a client that is not a service the tiers and levels, but no perks', async () => {
    const browser = new FlowBrowser(server.url);
    const account = await browser.signUpAndIn();
    await grantForTest(server.hub, account.id, 'vip');
    const { claims } = await signIn(demo, DEMO_CALLBACK, 'openid membership', browser);
    expect(claims.membership).toEqual({ tiers: ['vip'], vip_level: 1, activity_level: 0, perks: {} });
  });

  it('is a user scope: a service’s client_credentials token never carries it', async () => {
    const token = await client.clientCredentialsGrant(mail);
    expect(token.scope).toBe('accounts:read entitlements:read');
  });
});
