import { type CryptoKey, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, discover, type OidcTestServer, startOidcTestServer } from '../../test/oidc.js';

describe('private_key_jwt client authentication (RFC 7523)', () => {
  let server: OidcTestServer;
  let privateKey: CryptoKey;

  beforeAll(async () => {
    server = await startOidcTestServer();
    const pair = await generateKeyPair('ES256', { extractable: true });
    privateKey = pair.privateKey;
    await server.hub.services.clients.create({
      id: 'signer',
      name: 'Signing service',
      tokenEndpointAuthMethod: 'private_key_jwt',
      jwks: { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'signer-1', alg: 'ES256' }] },
      grantTypes: ['client_credentials'],
      scopes: ['accounts:read'],
    });
  });
  afterAll(async () => {
    await server.close();
  });

  const assertion = (audience = `${server.url}/oidc/token`, key: CryptoKey = privateKey) =>
    new SignJWT({ jti: crypto.randomUUID() })
      .setProtectedHeader({ alg: 'ES256', kid: 'signer-1' })
      .setIssuer('signer')
      .setSubject('signer')
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('2m')
      .sign(key);

  const tokenWith = (clientAssertion: string) =>
    fetch(`${server.url}/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: clientAssertion,
      }),
    });

  it('authenticates openid-client signing with its private key', async () => {
    const config = await discover(server, 'signer', undefined, client.PrivateKeyJwt(privateKey));
    const granted = await client.clientCredentialsGrant(config, { scope: 'accounts:read' });
    expect(granted.access_token).toEqual(expect.any(String));
  });

  it('refuses a replayed assertion, a foreign key, and a wrong audience', async () => {
    const once = await assertion();
    expect((await tokenWith(once)).status).toBe(200);
    expect((await tokenWith(once)).status).toBe(401);
    const stranger = (await generateKeyPair('ES256')).privateKey;
    expect((await tokenWith(await assertion(undefined, stranger))).status).toBe(401);
    expect((await tokenWith(await assertion('https://elsewhere.example/token'))).status).toBe(401);
  });
});
