import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHousekeeping } from '../../housekeeping/index.js';
import { newStaff, type Staff } from '../../test/admin.js';
import { verifyEmail } from '../../test/mail-links.js';
import { client, FlowBrowser, location, type OidcTestServer, startOidcTestServer } from '../../test/oidc.js';
import { clientSecrets } from '../schema.js';

const REDIRECT = 'http://localhost:9998/callback';
const HOUR_MS = 3_600_000;

describe('client secret rotation with an overlap', () => {
  let server: OidcTestServer;
  let admin: Staff;
  let firstSecret: string;

  beforeAll(async () => {
    server = await startOidcTestServer();
    admin = await newStaff(server.hub, ['admin']);
    // Registered through the console's API, as an operator would.
    const created = await admin.browser.request('POST', '/api/admin/clients', {
      id: 'rotating-app',
      name: 'Rotating app',
      redirectUris: [REDIRECT],
      grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'],
      scopes: ['openid', 'profile', 'accounts:read'],
      firstParty: true,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    firstSecret = created.body.clientSecret;
  });
  afterAll(async () => {
    await server?.close();
  });

  /** openid-client configured with `secret`, its clock moved as far as the hub's test clock has. */
  const relyingParty = (secret: string) =>
    client.discovery(
      new URL(server.url),
      'rotating-app',
      {
        [client.clockSkew]: Math.round((server.hub.clock.now().getTime() - Date.now()) / 1000),
      },
      client.ClientSecretBasic(secret),
      { execute: [client.allowInsecureRequests] },
    );

  /** A whole sign-in: authorization request, the user signing in at the hub, and the code exchange. */
  async function signIn(secret: string) {
    const config = await relyingParty(secret);
    const browser = new FlowBrowser(server.url);
    const account = await browser.signUpAndIn();
    await verifyEmail(server.hub, `${account.handle}@example.com`);
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    const res = await browser.get(url.href);
    expect(res.status).toBe(302);
    const tokens = await client.authorizationCodeGrant(config, location(res), {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    return { account, claims: tokens.claims() };
  }

  /** The hub refused the client: 401 with `invalid_client` (openid-client reports the Basic challenge). */
  async function refused(call: Promise<unknown>) {
    const error = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(client.WWWAuthenticateChallengeError);
    const challenge = error as InstanceType<typeof client.WWWAuthenticateChallengeError>;
    expect(challenge.status).toBe(401);
    expect(await challenge.response.json()).toMatchObject({ error: 'invalid_client' });
  }

  const machineToken = async (secret: string) =>
    client.clientCredentialsGrant(await relyingParty(secret), { scope: 'accounts:read' });

  it('signs a user in with the secret the console showed once', async () => {
    const { account, claims } = await signIn(firstSecret);
    expect(claims?.sub).toBe(account.id);
    expect(claims?.aud).toBe('rotating-app');
  });

  it('accepts the old and the new secret until the grace ends, then only the new one', async () => {
    const rotated = await admin.browser.request('POST', '/api/admin/clients/rotating-app/rotate-secret', {
      graceHours: 2,
    });
    expect(rotated.status).toBe(200);
    const ends = new Date(server.hub.clock.now().getTime() + 2 * HOUR_MS);
    expect(rotated.body.previousSecretExpiresAt).toBe(ends.toISOString());
    const newSecret: string = rotated.body.clientSecret;
    expect(newSecret).not.toBe(firstSecret);

    expect((await signIn(firstSecret)).claims?.aud).toBe('rotating-app');
    expect((await signIn(newSecret)).claims?.aud).toBe('rotating-app');
    expect((await machineToken(firstSecret)).access_token).toEqual(expect.any(String));

    server.hub.clock.advance(2 * HOUR_MS - 1000);
    expect((await machineToken(firstSecret)).access_token).toEqual(expect.any(String));

    server.hub.clock.advance(1000);
    await refused(machineToken(firstSecret));
    await refused(signIn(firstSecret));
    expect((await signIn(newSecret)).claims?.aud).toBe('rotating-app');
    firstSecret = newSecret;
  });

  it('keeps at most two live secrets: a second rotation within the grace ends the oldest at once', async () => {
    await admin.stepUp();
    const a = firstSecret;
    const b = (await admin.browser.request('POST', '/api/admin/clients/rotating-app/rotate-secret')).body;
    const c = (await admin.browser.request('POST', '/api/admin/clients/rotating-app/rotate-secret')).body;
    // The default grace is 24 hours.
    expect(c.previousSecretExpiresAt).toBe(
      new Date(server.hub.clock.now().getTime() + 24 * HOUR_MS).toISOString(),
    );
    await refused(machineToken(a));
    expect((await machineToken(b.clientSecret)).access_token).toEqual(expect.any(String));
    expect((await machineToken(c.clientSecret)).access_token).toEqual(expect.any(String));
    expect(c.client.secrets).toEqual([
      { createdAt: server.hub.clock.now().toISOString(), expiresAt: null },
      { createdAt: server.hub.clock.now().toISOString(), expiresAt: c.previousSecretExpiresAt },
    ]);

    // Grace 0: the replaced secret stops at once.
    const d = (
      await admin.browser.request('POST', '/api/admin/clients/rotating-app/rotate-secret', { graceHours: 0 })
    ).body;
    expect(d.previousSecretExpiresAt).toBeNull();
    await refused(machineToken(c.clientSecret));
    expect((await machineToken(d.clientSecret)).access_token).toEqual(expect.any(String));
    firstSecret = d.clientSecret;
  });

  it('deletes replaced secrets once their grace has ended (housekeeping)', async () => {
    await admin.stepUp();
    await admin.browser.request('POST', '/api/admin/clients/rotating-app/rotate-secret', { graceHours: 1 });
    const rows = async () =>
      (await server.hub.db.select().from(clientSecrets)).filter((r) => r.clientId === 'rotating-app');
    expect(await rows()).toHaveLength(2);
    const housekeeping = createHousekeeping({
      db: server.hub.db,
      clock: server.hub.clock,
      config: server.hub.config,
    });
    expect((await housekeeping()).clientSecrets).toBe(0);
    server.hub.clock.advance(HOUR_MS);
    expect((await housekeeping()).clientSecrets).toBe(1);
    expect((await rows()).map((r) => r.expiresAt)).toEqual([null]);
  });

  it('never stores a secret, only its SHA-256', async () => {
    const stored = (await server.hub.db.select().from(clientSecrets)).map((r) => r.secretHash);
    expect(stored.length).toBeGreaterThan(0);
    for (const hash of stored) expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(firstSecret);
  });
});
