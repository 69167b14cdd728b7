import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../db/schema.js';
import { GOOD_PASSWORD } from '../test/client.js';
import {
  client,
  discover,
  FlowBrowser,
  location,
  type OidcTestServer,
  startOidcTestServer,
} from '../test/oidc.js';
import { authorizationCodes, grants, refreshTokens } from './schema.js';

const REDIRECT = 'http://localhost:9999/callback';
const DAY_MS = 24 * 60 * 60_000;

/** A test hub with the Mail client, and openid-client configured for it. */
function relyingParty() {
  const rp = {
    server: undefined as unknown as OidcTestServer,
    config: undefined as unknown as client.Configuration,
    secret: '',
  };
  beforeAll(async () => {
    rp.server = await startOidcTestServer();
    const created = await rp.server.hub.services.clients.create({
      id: 'mail',
      name: 'Mail',
      redirectUris: [REDIRECT],
      firstParty: true,
      grantTypes: ['authorization_code', 'refresh_token'],
    });
    rp.secret = created.clientSecret!;
    rp.config = await discover(rp.server, 'mail', rp.secret);
  });
  afterAll(async () => {
    await rp.server.close();
  });
  return rp;
}

/** Signs the browser in (a new account unless it already has a session) and answers fresh tokens. */
async function tokensFor(
  config: client.Configuration,
  browser: FlowBrowser,
  scope = 'openid profile offline_access',
) {
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

describe('refresh tokens: revocation of a whole account', () => {
  const rp = relyingParty();

  it('revokeAllOfAccount stops every refresh token and access token of the account, and no one else’s', async () => {
    const { server, config } = rp;
    const owner = new FlowBrowser(server.url);
    const first = await tokensFor(config, owner);
    const offline = await tokensFor(config, owner, 'openid offline_access');
    const ownerId = first.claims()!.sub;
    const bystander = await tokensFor(config, new FlowBrowser(server.url));

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

  it('a password change revokes every refresh token of the account (offline ones too) and ends its other sessions', async () => {
    const { server, config } = rp;
    const owner = new FlowBrowser(server.url);
    const tokens = await tokensFor(config, owner);
    const account = { id: tokens.claims()!.sub };
    const [row] = await server.hub.db
      .select({ accountNumber: accounts.accountNumber })
      .from(accounts)
      .where(eq(accounts.id, account.id));
    // Another browser of the owner, with offline tokens of its own.
    const laptop = new FlowBrowser(server.url);
    await laptop.signIn(String(row!.accountNumber));
    const offline = await tokensFor(config, laptop, 'openid offline_access');

    const changed = await owner.api('POST', '/api/me/password', {
      currentPassword: GOOD_PASSWORD,
      newPassword: 'a far longer passphrase nobody guesses 7',
    });
    expect(changed.status).toBe(204);

    for (const refreshToken of [tokens.refresh_token!, offline.refresh_token!]) {
      await expect(client.refreshTokenGrant(config, refreshToken)).rejects.toMatchObject({
        error: 'invalid_grant',
      });
    }
    expect((await client.tokenIntrospection(config, offline.access_token)).active).toBe(false);
    expect((await laptop.api('GET', '/api/me')).status).toBe(401);
    expect((await owner.api('GET', '/api/me')).status).toBe(200);
    // The browser that changed it signs in anew for the service, with tokens that work.
    const fresh = await tokensFor(config, owner);
    expect((await client.refreshTokenGrant(config, fresh.refresh_token!)).access_token).toEqual(
      expect.any(String),
    );
  });
});

describe('refresh tokens: absolute lifetime', () => {
  const rp = relyingParty();

  /** openid-client at the hub's moved clock, so the ID tokens it checks aren't "from the future". */
  const configAt = (daysAhead: number) =>
    client.discovery(
      new URL(rp.server.url),
      'mail',
      { client_secret: rp.secret, [client.clockSkew]: Math.round((daysAhead * DAY_MS) / 1000) },
      client.ClientSecretBasic(rp.secret),
      { execute: [client.allowInsecureRequests] },
    );

  it('ends a chain rotated every 20 days at 90 days from the grant: rotation never extends it', async () => {
    const { server } = rp;
    const { refreshTokenMs, refreshTokenMaxMs } = server.hub.config.oidc;
    expect(refreshTokenMaxMs).toBe(90 * DAY_MS);
    expect(refreshTokenMs).toBe(30 * DAY_MS);
    const first = await tokensFor(rp.config, new FlowBrowser(server.url));
    const grantOf = async (token: string) => (await server.hub.services.grants.findRefreshToken(token))!;
    const start = (await grantOf(first.refresh_token!)).grant.createdAt.getTime();

    let refreshToken = first.refresh_token!;
    let day = 0;
    for (const next of [20, 40, 60, 80, 89]) {
      server.hub.clock.advance((next - day) * DAY_MS);
      day = next;
      const rotated = await client.refreshTokenGrant(await configAt(day), refreshToken);
      refreshToken = rotated.refresh_token!;
      const { token } = await grantOf(refreshToken);
      // min(now + 30 days, grant start + 90 days)
      expect(token.expiresAt.getTime()).toBe(
        Math.min(token.createdAt.getTime() + refreshTokenMs, start + refreshTokenMaxMs),
      );
    }
    expect((await grantOf(refreshToken)).token.expiresAt.getTime()).toBe(start + refreshTokenMaxMs);

    server.hub.clock.advance(DAY_MS + 1000);
    await expect(client.refreshTokenGrant(await configAt(90), refreshToken)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('refuses a token issued before the limit existed once its grant is past the limit', async () => {
    const { server } = rp;
    const tokens = await tokensFor(rp.config, new FlowBrowser(server.url));
    const { token } = (await server.hub.services.grants.findRefreshToken(tokens.refresh_token!))!;
    // As an older hub stored it: 30 days from its issue, whatever the grant's age.
    await server.hub.db
      .update(refreshTokens)
      .set({ expiresAt: new Date(server.hub.clock.now().getTime() + 200 * DAY_MS) })
      .where(eq(refreshTokens.tokenHash, token.tokenHash));
    server.hub.clock.advance(91 * DAY_MS);
    const days = (server.hub.clock.now().getTime() - Date.now()) / DAY_MS;
    await expect(client.refreshTokenGrant(await configAt(days), tokens.refresh_token!)).rejects.toMatchObject(
      {
        error: 'invalid_grant',
      },
    );
  });
});

describe('refresh tokens: rotation in one statement', () => {
  const rp = relyingParty();
  const chainOf = async (token: string) => {
    const found = (await rp.server.hub.services.grants.findRefreshToken(token))!;
    return rp.server.hub.db
      .select({ scope: refreshTokens.scope, usedAt: refreshTokens.usedAt })
      .from(refreshTokens)
      .where(eq(refreshTokens.grantId, found.grant.id));
  };

  it('narrows the scope when asked, and refuses a wider one without spending the token', async () => {
    const { config } = rp;
    const first = await tokensFor(config, new FlowBrowser(rp.server.url));
    const narrowed = await client.refreshTokenGrant(config, first.refresh_token!, { scope: 'openid' });
    expect(narrowed.scope).toBe('openid');
    expect((await rp.server.hub.services.grants.findRefreshToken(narrowed.refresh_token!))!.token.scope).toBe(
      'openid',
    );
    // The successor carries the narrower scope: asking for the old one back is asking for more.
    await expect(
      client.refreshTokenGrant(config, narrowed.refresh_token!, { scope: 'openid profile' }),
    ).rejects.toMatchObject({ error: 'invalid_scope' });
    // Refused, not spent: the token still rotates, and its family was not revoked as a reuse would be.
    const again = await client.refreshTokenGrant(config, narrowed.refresh_token!);
    expect(again.scope).toBe('openid');
    expect(await chainOf(again.refresh_token!)).toHaveLength(3);
  });

  it('writes no successor for an exchange it refuses: a code with the wrong verifier, an expired token', async () => {
    const { server, config } = rp;
    const browser = new FlowBrowser(server.url);
    await browser.signUpAndIn();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid offline_access',
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const code = location(await browser.get(url.href)).searchParams.get('code')!;
    const res = await fetch(`${server.url}/oidc/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`mail:${rp.secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT,
        code_verifier: client.randomPKCECodeVerifier(),
      }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_grant');
    const [grant] = await server.hub.db
      .select({ id: grants.id })
      .from(grants)
      .innerJoin(authorizationCodes, eq(authorizationCodes.grantId, grants.id))
      .where(eq(authorizationCodes.codeHash, createHash('sha256').update(code).digest('hex')));
    expect(
      await server.hub.db.select().from(refreshTokens).where(eq(refreshTokens.grantId, grant!.id)),
    ).toEqual([]);

    const tokens = await tokensFor(config, browser);
    server.hub.clock.advance(31 * DAY_MS);
    await expect(
      client.refreshTokenGrant(
        await client.discovery(
          new URL(server.url),
          'mail',
          { client_secret: rp.secret, [client.clockSkew]: 31 * 24 * 3600 },
          client.ClientSecretBasic(rp.secret),
          { execute: [client.allowInsecureRequests] },
        ),
        tokens.refresh_token!,
      ),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
    // Spent (presenting it again is a reuse), and nothing new in its chain.
    expect(await chainOf(tokens.refresh_token!)).toEqual([{ scope: tokens.scope, usedAt: expect.any(Date) }]);
  });
});
