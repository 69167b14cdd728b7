import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../test/hub.js';
import { signJwt } from './keys/jws.js';
import { revokedAccessTokens, signingKeys } from './schema.js';

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

  it('checks a signature it remembers against the keys published now, and every other claim each time', async () => {
    const { token } = await tokens().accessToken({
      subject: 'svc',
      clientId: 'svc',
      audience: hub.config.issuer,
      scope: 'accounts:read',
      alg: 'ES256',
    });
    // Checked twice, the second time from what the first remembered.
    expect(await tokens().verifyAccessToken(token)).toMatchObject({ sub: 'svc' });
    expect(await tokens().verifyAccessToken(token)).toMatchObject({ sub: 'svc' });
    // The same claims with the signature changed are not the token remembered.
    const [h, p, sig] = token.split('.') as [string, string, string];
    const other = sig.startsWith('A') ? `B${sig.slice(1)}` : `A${sig.slice(1)}`;
    expect(await tokens().verifyAccessToken(`${h}.${p}.${other}`)).toBeUndefined();
    // Revoked: refused at once, though its signature is remembered.
    const payload = await tokens().verifyAccessToken(token);
    if (!payload) throw new Error('the token was refused');
    await hub.db
      .insert(revokedAccessTokens)
      .values({ jti: payload.jti, expiresAt: new Date(payload.exp * 1000) });
    expect(await tokens().verifyAccessToken(token)).toBeUndefined();
    // Its key withdrawn (as an operator removes a compromised key): refused once the hub reads its keys again.
    const { kid } = JSON.parse(Buffer.from(h, 'base64url').toString()) as { kid: string };
    const { token: fresh } = await tokens().accessToken({
      subject: 'svc',
      clientId: 'svc',
      audience: hub.config.issuer,
      scope: 'accounts:read',
      alg: 'ES256',
    });
    expect(await tokens().verifyAccessToken(fresh)).toBeDefined();
    await hub.db.delete(signingKeys).where(eq(signingKeys.kid, kid));
    hub.clock.advance(10_000);
    expect(await tokens().verifyAccessToken(fresh)).toBeUndefined();
  });
});
