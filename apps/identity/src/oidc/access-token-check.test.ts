import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../test/hub.js';
import { signJwt } from './keys/jws.js';

/**
 * `verifyAccessToken`, the check behind userinfo, introspection and the service API: past the signature
 * (keys/jws.test.ts), only a live access token of ours passes — our issuer, `typ: at+jwt`, not expired or
 * not yet valid, with the claims every caller reads.
 */
describe('the access-token check', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  const tokens = () => hub.services.tokens;
  /** A token signed with the hub's own current key, claims and header as given. */
  async function forged(
    claims: Record<string, unknown>,
    { typ = 'at+jwt', alg = 'RS256' as const }: { typ?: string; alg?: 'RS256' | 'ES256' } = {},
  ): Promise<string> {
    const key = await hub.services.keys.signingKey(alg);
    return signJwt({ alg, kid: key.kid, typ }, claims, key.privateKey);
  }
  const now = () => Math.floor(hub.clock.now().getTime() / 1000);
  const claims = () => ({
    iss: hub.config.issuer,
    sub: 'svc',
    aud: hub.config.issuer,
    client_id: 'svc',
    scope: 'accounts:read',
    jti: crypto.randomUUID(),
    iat: now(),
    exp: now() + 300,
  });

  it('takes an access token the hub issued, RS256 and ES256, until it expires', async () => {
    for (const alg of ['RS256', 'ES256'] as const) {
      const { token } = await tokens().accessToken({
        subject: 'svc',
        clientId: 'svc',
        audience: hub.config.issuer,
        scope: 'accounts:read',
        alg,
      });
      expect(await tokens().verifyAccessToken(token)).toMatchObject({ sub: 'svc', scope: 'accounts:read' });
      hub.clock.advance(hub.config.oidc.accessTokenMs);
      expect(await tokens().verifyAccessToken(token)).toBeUndefined();
    }
    expect(await tokens().verifyAccessToken(await forged(claims()))).toBeDefined();
  });

  it('refuses our other tokens, another issuer, no or a past expiry, a future nbf, and missing claims', async () => {
    const refused = async (token: string) => expect(await tokens().verifyAccessToken(token)).toBeUndefined();
    // An ID token, a logout token and a membership event are signed with the same keys: none is an access token.
    await refused(await forged(claims(), { typ: 'JWT' }));
    await refused(await forged(claims(), { typ: 'logout+jwt' }));
    await refused(await tokens().logoutToken({ clientId: 'svc', subject: 'a' }));
    await refused(await tokens().membershipEventToken({ clientId: 'svc', subject: 'a', reason: 'x' }));
    await refused(await forged({ ...claims(), iss: 'http://elsewhere' }));
    await refused(await forged({ ...claims(), exp: undefined }));
    await refused(await forged({ ...claims(), exp: String(now() + 300) }));
    await refused(await forged({ ...claims(), exp: now() }));
    await refused(await forged({ ...claims(), nbf: now() + 60 }));
    for (const claim of ['sub', 'client_id', 'scope', 'jti'] as const) {
      await refused(await forged({ ...claims(), [claim]: undefined }));
      await refused(await forged({ ...claims(), [claim]: 7 }));
    }
    expect(await tokens().verifyAccessToken(await forged({ ...claims(), nbf: now() }))).toBeDefined();
    await refused('not a token');
    await refused('');
  });
});
