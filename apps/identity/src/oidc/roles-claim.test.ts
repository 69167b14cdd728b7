import { and, eq } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoles, insertRoles } from '../accounts/index.js';
import { testManifest } from '../services/testkit.js';
import {
  client,
  discover,
  FlowBrowser,
  location,
  type OidcTestServer,
  startOidcTestServer,
} from '../test/oidc.js';

const MAIL_CALLBACK = 'http://localhost:9998/auth/callback';
const NEWS_CALLBACK = 'http://localhost:9996/auth/callback';
const DEMO_CALLBACK = 'http://localhost:9997/callback';

const role = (name: string, en: string, zh: string) => ({ name, label: { en, 'zh-CN': zh } });

describe('the roles claim', () => {
  let server: OidcTestServer;
  let mail: client.Configuration;
  let news: client.Configuration;
  let demo: client.Configuration;

  beforeAll(async () => {
    server = await startOidcTestServer();
    const { services } = server.hub;
    const mailSecret = (
      await services.serviceRegistry.register(
        testManifest({ roles: [role('postmaster', 'Postmaster', '邮件管理员')] }),
        'http://localhost:9998',
      )
    ).clientSecret!;
    const newsSecret = (
      await services.serviceRegistry.register(
        testManifest({
          id: 'news',
          name: 'News',
          defaultPort: 4102,
          roles: [role('editor', 'Editor', '编辑'), role('writer', 'Writer', '作者')],
        }),
        'http://localhost:9996',
      )
    ).clientSecret!;
    mail = await discover(server, 'mail', mailSecret);
    news = await discover(server, 'news', newsSecret);
    // An OAuth client that is not a service has no roles of its own to receive.
    const created = await services.clients.create({
      id: 'demo',
      name: 'Demo',
      redirectUris: [DEMO_CALLBACK],
      scopes: ['openid', 'profile'],
      firstParty: true,
    });
    demo = await discover(server, 'demo', created.clientSecret!);
  });
  afterAll(async () => {
    await server.close();
  });

  /** A new account holding `roles`, signed in at the hub. */
  async function accountWith(roles: string[]) {
    const browser = new FlowBrowser(server.url);
    const account = await browser.signUpAndIn();
    await insertRoles(server.hub.db, account.id, roles, server.hub.clock.now());
    return { browser, account };
  }

  /** Signs `browser`'s account in to a client through the code flow; answers its tokens. */
  async function signIn(config: client.Configuration, redirectUri: string, browser: FlowBrowser) {
    const verifier = client.randomPKCECodeVerifier();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      nonce,
    });
    const res = await browser.get(url.href);
    expect(res.status).toBe(302);
    const tokens = await client.authorizationCodeGrant(config, location(res), {
      pkceCodeVerifier: verifier,
      expectedNonce: nonce,
      idTokenExpected: true,
    });
    return { tokens, claims: tokens.claims()! };
  }

  it('is published in discovery', () => {
    expect(mail.serverMetadata().claims_supported).toContain('roles');
  });

  it('gives each service only its own roles, by full name, in the ID token, access token, userinfo and introspection', async () => {
    const { browser, account } = await accountWith([
      'admin',
      'support',
      'mail.postmaster',
      'news.editor',
      'news.writer',
    ]);

    const atMail = await signIn(mail, MAIL_CALLBACK, browser);
    expect(atMail.claims.roles).toEqual(['mail.postmaster']);
    expect(decodeJwt(atMail.tokens.access_token).roles).toEqual(['mail.postmaster']);
    expect((await client.fetchUserInfo(mail, atMail.tokens.access_token, account.id)).roles).toEqual([
      'mail.postmaster',
    ]);
    const introspected = await client.tokenIntrospection(mail, atMail.tokens.access_token);
    expect(introspected).toMatchObject({ active: true, roles: ['mail.postmaster'] });
    const refreshIntrospected = await client.tokenIntrospection(mail, atMail.tokens.refresh_token!);
    expect(refreshIntrospected).toMatchObject({ active: true, roles: ['mail.postmaster'] });

    const atNews = await signIn(news, NEWS_CALLBACK, browser);
    expect(atNews.claims.roles).toEqual(['news.editor', 'news.writer']);
    expect(decodeJwt(atNews.tokens.access_token).roles).toEqual(['news.editor', 'news.writer']);
    // A client learns only about its own tokens: News can't read Mail's user's roles through introspection.
    expect((await client.tokenIntrospection(news, atMail.tokens.access_token)).active).toBe(false);
  });

  it('is an empty list for a service user without roles, and absent for a client that is no service', async () => {
    const { browser, account } = await accountWith(['admin']);
    const atMail = await signIn(mail, MAIL_CALLBACK, browser);
    expect(atMail.claims.roles).toEqual([]);
    expect(decodeJwt(atMail.tokens.access_token).roles).toEqual([]);

    const atDemo = await signIn(demo, DEMO_CALLBACK, browser);
    expect(atDemo.claims).not.toHaveProperty('roles');
    expect(decodeJwt(atDemo.tokens.access_token)).not.toHaveProperty('roles');
    expect(await client.fetchUserInfo(demo, atDemo.tokens.access_token, account.id)).not.toHaveProperty(
      'roles',
    );
  });

  it('never goes into a service’s client_credentials token or its introspection', async () => {
    const token = await client.clientCredentialsGrant(mail);
    expect(decodeJwt(token.access_token)).not.toHaveProperty('roles');
    const introspected = await client.tokenIntrospection(mail, token.access_token);
    expect(introspected.active).toBe(true);
    expect(introspected).not.toHaveProperty('roles');
  });

  it('shows a grant or a revocation at the next refresh; userinfo and introspection at once', async () => {
    const { browser, account } = await accountWith([]);
    const first = await signIn(news, NEWS_CALLBACK, browser);
    expect(first.claims.roles).toEqual([]);

    await insertRoles(server.hub.db, account.id, ['news.editor'], server.hub.clock.now());
    // The access token already issued keeps what it said (it is short-lived); the live answers don't.
    expect(decodeJwt(first.tokens.access_token).roles).toEqual([]);
    expect((await client.fetchUserInfo(news, first.tokens.access_token, account.id)).roles).toEqual([
      'news.editor',
    ]);
    expect((await client.tokenIntrospection(news, first.tokens.access_token)).roles).toEqual(['news.editor']);
    const granted = await client.refreshTokenGrant(news, first.tokens.refresh_token!);
    expect(granted.claims()?.roles).toEqual(['news.editor']);
    expect(decodeJwt(granted.access_token).roles).toEqual(['news.editor']);

    await server.hub.db
      .delete(accountRoles)
      .where(and(eq(accountRoles.accountId, account.id), eq(accountRoles.role, 'news.editor')));
    const revoked = await client.refreshTokenGrant(news, granted.refresh_token!);
    expect(revoked.claims()?.roles).toEqual([]);
    expect(decodeJwt(revoked.access_token).roles).toEqual([]);
  });

  it('leaves out a role the service’s manifest no longer declares, though the grant is kept', async () => {
    const { browser, account } = await accountWith(['news.editor', 'news.writer']);
    const first = await signIn(news, NEWS_CALLBACK, browser);
    expect(first.claims.roles).toEqual(['news.editor', 'news.writer']);

    const newsManifest = (roles: ReturnType<typeof role>[]) =>
      testManifest({ id: 'news', name: 'News', defaultPort: 4102, roles });
    await server.hub.services.serviceRegistry.register(
      newsManifest([role('writer', 'Writer', '作者')]),
      'http://localhost:9996',
    );
    const retired = await client.refreshTokenGrant(news, first.tokens.refresh_token!);
    expect(retired.claims()?.roles).toEqual(['news.writer']);
    expect((await client.fetchUserInfo(news, retired.access_token, account.id)).roles).toEqual([
      'news.writer',
    ]);
    expect(await server.hub.services.serviceRoles.claimFor(account.id, 'news')).toEqual(['news.writer']);

    await server.hub.services.serviceRegistry.register(
      newsManifest([role('editor', 'Editor', '编辑'), role('writer', 'Writer', '作者')]),
      'http://localhost:9996',
    );
    const declaredAgain = await client.refreshTokenGrant(news, retired.refresh_token!);
    expect(declaredAgain.claims()?.roles).toEqual(['news.editor', 'news.writer']);
  });
});
