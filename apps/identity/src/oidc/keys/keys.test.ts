import { createLocalJWKSet, decodeProtectedHeader, exportJWK, type JSONWebKeySet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, TEST_KEY_ENCRYPTION_KEY, type TestHub } from '../../test/hub.js';
import { client, FlowBrowser, location, type OidcTestServer, startOidcTestServer } from '../../test/oidc.js';
import { signingKeys } from '../schema.js';
import { createSecretBox } from './encryption.js';
import { createKeyStore, generateSigningKeyPair, REUSE_KEYS_VARIABLE } from './keys.js';

const JWKS_MAX_AGE_SECONDS = 60;

describe('signing keys', () => {
  let hub: TestHub;
  let secret: string;
  beforeAll(async () => {
    hub = await startTestHub({ ORBIT_JWKS_MAX_AGE_SECONDS: String(JWKS_MAX_AGE_SECONDS) });
    const created = await hub.services.clients.create({
      id: 'svc',
      name: 'Service',
      grantTypes: ['client_credentials'],
      scopes: ['accounts:read'],
    });
    secret = created.clientSecret!;
  });
  afterAll(async () => {
    await hub.close();
  });

  const publishAheadMs = JWKS_MAX_AGE_SECONDS * 2 * 1000;
  const maxTokenLifetimeMs = () => Math.max(hub.config.oidc.accessTokenMs, hub.config.oidc.idTokenMs);

  async function fetchJwks() {
    const res = await hub.app.request('/oidc/jwks');
    expect(res.status).toBe(200);
    return { res, set: (await res.json()) as JSONWebKeySet };
  }
  const kids = async () => (await fetchJwks()).set.keys.map((k) => k.kid);

  /** An access token from the token endpoint (client_credentials); always RS256. */
  async function accessToken(): Promise<string> {
    const res = await hub.app.request('/oidc/token', {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`svc:${secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials&scope=accounts%3Aread',
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { access_token: string }).access_token;
  }

  /** Verifies a token as a relying party would: against the JWKS it fetches now, at the test clock's time. */
  async function verifyWithJwks(token: string) {
    const { set } = await fetchJwks();
    return jwtVerify(token, createLocalJWKSet(set), {
      issuer: hub.config.issuer,
      currentDate: hub.clock.now(),
    });
  }

  const signingKid = async (alg: 'RS256' | 'ES256') => (await hub.services.keys.signingKey(alg)).kid;

  it('publishes the JWKS with a public cache lifetime and no private parts', async () => {
    const { res, set } = await fetchJwks();
    expect(res.headers.get('cache-control')).toBe(`public, max-age=${JWKS_MAX_AGE_SECONDS}`);
    expect(res.headers.get('content-type')).toMatch(/^application\/jwk-set\+json/);
    expect(set.keys.map((k) => k.alg).sort()).toEqual(['ES256', 'RS256']);
    for (const key of set.keys) {
      expect(key).toMatchObject({ use: 'sig', kid: expect.any(String) });
      expect(key).not.toHaveProperty('d');
    }
  });

  it('rotates: new keys are published at once, sign after the delay, and old ones leave after their tokens expire', async () => {
    const before = await hub.services.keys.list();
    const oldKids = { RS256: await signingKid('RS256'), ES256: await signingKid('ES256') };
    const oldToken = await accessToken();
    expect(decodeProtectedHeader(oldToken)).toMatchObject({ alg: 'RS256', kid: oldKids.RS256 });

    const rotatedAt = hub.clock.now().getTime();
    const created = await hub.services.keys.rotate();
    expect(created.map((k) => k.alg)).toEqual(['RS256', 'ES256']);
    const activatesAt = rotatedAt + publishAheadMs;
    for (const key of created) expect(key.activatesAt.getTime()).toBe(activatesAt);
    const newKids = {
      RS256: created.find((k) => k.alg === 'RS256')!.kid,
      ES256: created.find((k) => k.alg === 'ES256')!.kid,
    };

    // Published at once, next to the keys that still sign, with key material of their own (test runs share key
    // pairs between hubs, never between a store's old and new keys).
    const published = (await fetchJwks()).set.keys;
    const material = (kid: string) => {
      const { kid: _kid, ...jwk } = published.find((k) => k.kid === kid)!;
      return jwk;
    };
    expect(material(newKids.RS256)).not.toEqual(material(oldKids.RS256));
    expect(material(newKids.ES256)).not.toEqual(material(oldKids.ES256));
    expect((await kids()).sort()).toEqual([...before.map((k) => k.kid), ...created.map((k) => k.kid)].sort());
    const states = async () =>
      Object.fromEntries((await hub.services.keys.list()).map((k) => [k.kid, k.state]));
    expect(await states()).toEqual({
      [oldKids.RS256]: 'signing',
      [oldKids.ES256]: 'signing',
      [newKids.RS256]: 'published',
      [newKids.ES256]: 'published',
    });

    // Until the publish delay has passed, the old keys sign.
    expect(decodeProtectedHeader(await accessToken()).kid).toBe(oldKids.RS256);
    hub.clock.advance(publishAheadMs - 1000);
    expect(decodeProtectedHeader(await accessToken()).kid).toBe(oldKids.RS256);
    expect(await signingKid('ES256')).toBe(oldKids.ES256);

    // Then the new ones do, and the old ones retire but stay published.
    hub.clock.advance(1000);
    const newToken = await accessToken();
    expect(decodeProtectedHeader(newToken)).toMatchObject({ alg: 'RS256', kid: newKids.RS256 });
    expect(await signingKid('ES256')).toBe(newKids.ES256);
    expect(await states()).toEqual({
      [oldKids.RS256]: 'retired',
      [oldKids.ES256]: 'retired',
      [newKids.RS256]: 'signing',
      [newKids.ES256]: 'signing',
    });

    // A token signed before the rotation still verifies against the JWKS, as does a new one.
    const { payload, protectedHeader } = await verifyWithJwks(oldToken);
    expect(protectedHeader.kid).toBe(oldKids.RS256);
    expect(payload.client_id).toBe('svc');
    await expect(verifyWithJwks(newToken)).resolves.toBeTruthy();

    // Retired keys stay published as long as anything they signed may be live, and can't be pruned.
    hub.clock.advance(maxTokenLifetimeMs() - 1000);
    expect(await kids()).toEqual(expect.arrayContaining([oldKids.RS256, oldKids.ES256]));
    expect(await hub.services.keys.prune()).toBe(0);

    // Then they leave the JWKS, and prune() deletes them.
    hub.clock.advance(1000);
    expect((await kids()).sort()).toEqual([newKids.RS256, newKids.ES256].sort());
    expect((await states())[oldKids.RS256]).toBe('expired');
    expect(await hub.services.keys.prune()).toBe(2);
    const rows = await hub.db.select({ kid: signingKeys.kid }).from(signingKeys);
    expect(rows.map((r) => r.kid).sort()).toEqual([newKids.RS256, newKids.ES256].sort());
    expect(decodeProtectedHeader(await accessToken()).kid).toBe(newKids.RS256);
  });

  it('stores private keys encrypted, so a store with another key-encryption key cannot sign', async () => {
    const rows = await hub.db.select().from(signingKeys);
    expect(rows.length).toBeGreaterThan(0);
    const box = createSecretBox(TEST_KEY_ENCRYPTION_KEY);
    for (const row of rows) {
      expect(row.privateJwkEncrypted).toMatch(/^v1\./);
      expect(row.privateJwkEncrypted).not.toContain('"d":');
      expect(JSON.stringify(row.publicJwk)).not.toContain('"d":');
      expect(box.open(row.privateJwkEncrypted)).toContain('"d":'); // what was sealed is the private key
    }

    const storeWith = (key: Buffer) =>
      createKeyStore({
        db: hub.db,
        clock: hub.clock,
        box: createSecretBox(key),
        publishAheadMs,
        maxTokenLifetimeMs: maxTokenLifetimeMs(),
      });
    const stranger = storeWith(Buffer.alloc(32, 99));
    await expect(stranger.signingKey('RS256')).rejects.toThrow();
    await expect(stranger.signingKey('ES256')).rejects.toThrow();
    const same = storeWith(TEST_KEY_ENCRYPTION_KEY);
    expect((await same.signingKey('ES256')).kid).toBe(await signingKid('ES256'));
  });
});

describe('signing key pairs in test runs', () => {
  const publicJwk = async (pair: ReturnType<typeof generateSigningKeyPair>) =>
    exportJWK((await pair).publicKey);

  it('are shared between the hubs of one process only with ORBIT_TEST_REUSE_SIGNING_KEYS=1, never within one store', async () => {
    const reuse = { [REUSE_KEYS_VARIABLE]: '1' };
    const first = await publicJwk(generateSigningKeyPair('ES256', 0, reuse));
    expect(await publicJwk(generateSigningKeyPair('ES256', 0, reuse))).toEqual(first);
    expect(await publicJwk(generateSigningKeyPair('ES256', 1, reuse))).not.toEqual(first);
    // Outside test runs every key is new.
    expect(await publicJwk(generateSigningKeyPair('ES256', 0, {}))).not.toEqual(first);
    expect(await publicJwk(generateSigningKeyPair('ES256', 0, {}))).not.toEqual(
      await publicJwk(generateSigningKeyPair('ES256', 0, {})),
    );
  });
});

describe('ES256 ID tokens', () => {
  const REDIRECT = 'http://localhost:9999/callback';
  let server: OidcTestServer;
  let config: client.Configuration;

  beforeAll(async () => {
    server = await startOidcTestServer();
    const { clientSecret } = await server.hub.services.clients.create({
      id: 'es-app',
      name: 'EC app',
      redirectUris: [REDIRECT],
      firstParty: true,
      idTokenSignedResponseAlg: 'ES256',
    });
    config = await client.discovery(
      new URL(server.url),
      'es-app',
      { client_secret: clientSecret!, id_token_signed_response_alg: 'ES256' },
      client.ClientSecretBasic(clientSecret!),
      { execute: [client.allowInsecureRequests] },
    );
  });
  afterAll(async () => {
    await server.close();
  });

  /** A new user signs in to `rp` with the code flow (PKCE, a nonce); answers the tokens. */
  async function signInTo(rp: client.Configuration, nonce: string) {
    const browser = new FlowBrowser(server.url);
    await browser.signUpAndIn();
    const verifier = client.randomPKCECodeVerifier();
    const res = await browser.get(
      client.buildAuthorizationUrl(rp, {
        redirect_uri: REDIRECT,
        scope: 'openid profile',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        nonce,
      }).href,
    );
    expect(res.status).toBe(302);
    expect(location(res).searchParams.get('code')).toEqual(expect.any(String));
    return client.authorizationCodeGrant(rp, location(res), {
      pkceCodeVerifier: verifier,
      expectedNonce: nonce,
      idTokenExpected: true,
    });
  }

  it('signs the ID token of a client registered for ES256 with the ES256 key', async () => {
    const nonce = client.randomNonce();
    const tokens = await signInTo(config, nonce);

    const es256 = await server.hub.services.keys.signingKey('ES256');
    expect(decodeProtectedHeader(tokens.id_token!)).toMatchObject({
      alg: 'ES256',
      kid: es256.kid,
      typ: 'JWT',
    });
    // Access tokens stay RS256 whatever the client's ID token algorithm.
    expect(decodeProtectedHeader(tokens.access_token)).toMatchObject({ alg: 'RS256' });

    const jwks = (await (await fetch(`${server.url}/oidc/jwks`)).json()) as JSONWebKeySet;
    const { payload } = await jwtVerify(tokens.id_token!, createLocalJWKSet(jwks), {
      issuer: server.url,
      audience: 'es-app',
      algorithms: ['ES256'],
      currentDate: server.hub.clock.now(),
    });
    expect(payload).toMatchObject({ nonce, azp: 'es-app' });
  });

  it('signs the access tokens of a client that chose ES256 with the ES256 key, valid at userinfo and introspection', async () => {
    const { clientSecret } = await server.hub.services.clients.create({
      id: 'es-svc',
      name: 'EC service',
      redirectUris: [REDIRECT],
      grantTypes: ['authorization_code', 'client_credentials'],
      scopes: ['openid', 'profile', 'accounts:read'],
      firstParty: true,
      accessTokenSignedResponseAlg: 'ES256',
    });
    const basic = `Basic ${Buffer.from(`es-svc:${clientSecret}`).toString('base64')}`;
    const form = (body: string) => ({
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    const es256 = await server.hub.services.keys.signingKey('ES256');
    const jwks = createLocalJWKSet((await (await fetch(`${server.url}/oidc/jwks`)).json()) as JSONWebKeySet);

    // As a service, for the hub's API.
    const granted = await fetch(`${server.url}/oidc/token`, form('grant_type=client_credentials'));
    expect(granted.status).toBe(200);
    const serviceToken = ((await granted.json()) as { access_token: string }).access_token;
    expect(decodeProtectedHeader(serviceToken)).toMatchObject({
      alg: 'ES256',
      kid: es256.kid,
      typ: 'at+jwt',
    });
    await jwtVerify(serviceToken, jwks, {
      issuer: server.url,
      algorithms: ['ES256'],
      currentDate: server.hub.clock.now(),
    });

    // For a signed-in user: userinfo and introspection take it.
    const config = await client.discovery(
      new URL(server.url),
      'es-svc',
      { client_secret: clientSecret! },
      client.ClientSecretBasic(clientSecret!),
      { execute: [client.allowInsecureRequests] },
    );
    const tokens = await signInTo(config, client.randomNonce());
    expect(decodeProtectedHeader(tokens.access_token)).toMatchObject({ alg: 'ES256', kid: es256.kid });
    // The ID token keeps the client's own ID token algorithm.
    expect(decodeProtectedHeader(tokens.id_token!)).toMatchObject({ alg: 'RS256' });
    const userinfo = await fetch(`${server.url}/oidc/userinfo`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(userinfo.status).toBe(200);
    const introspected = await fetch(
      `${server.url}/oidc/introspect`,
      form(`token=${encodeURIComponent(tokens.access_token)}`),
    );
    expect(await introspected.json()).toMatchObject({ active: true, client_id: 'es-svc' });
  });
});

describe('keys at start-up', () => {
  it('gives a hub whose only keys are still waiting to sign keys that sign now, once, even when started twice at once', async () => {
    const hub = await startTestHub();
    try {
      await hub.db.delete(signingKeys);
      await hub.services.keys.rotate(); // only keys that sign later
      await Promise.all([hub.services.keys.ensureKeys(), hub.services.keys.ensureKeys()]);
      const states = (await hub.services.keys.list()).map((k) => `${k.alg}:${k.state}`).sort();
      expect(states).toEqual(['ES256:published', 'ES256:signing', 'RS256:published', 'RS256:signing']);
      await hub.services.keys.ensureKeys();
      expect(await hub.services.keys.list()).toHaveLength(4);
    } finally {
      await hub.close();
    }
  });
});
