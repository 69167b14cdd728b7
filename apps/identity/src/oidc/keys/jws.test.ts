import { createPrivateKey } from 'node:crypto';
import { decodeProtectedHeader, exportJWK, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signJwt } from './jws.js';

describe('signJwt (node:crypto)', () => {
  const payload = {
    sub: 'account',
    aud: 'mail',
    scope: 'openid 邮件',
    iss: 'http://hub',
    iat: 1,
    exp: 4_000_000_000,
  };

  for (const alg of ['RS256', 'ES256'] as const) {
    it(`signs ${alg} JWTs that jose verifies, header and claims as given`, async () => {
      const pair = await generateKeyPair(alg, { extractable: true });
      const key = createPrivateKey({
        key: { ...(await exportJWK(pair.privateKey)), kid: 'k1', alg },
        format: 'jwk',
      });
      const token = await signJwt({ alg, kid: 'k1', typ: 'at+jwt' }, payload, key);
      const verified = await jwtVerify(token, pair.publicKey, { algorithms: [alg], typ: 'at+jwt' });
      expect(verified.payload).toEqual(payload);
      expect(decodeProtectedHeader(token)).toEqual({ alg, kid: 'k1', typ: 'at+jwt' });
      // A tampered claim fails.
      const [h, , s] = token.split('.');
      const forged = `${h}.${Buffer.from(JSON.stringify({ ...payload, sub: 'other' })).toString('base64url')}.${s}`;
      await expect(jwtVerify(forged, pair.publicKey)).rejects.toThrow();
      if (alg === 'ES256') {
        // RFC 7518 §3.4: the raw 64-byte R || S, not DER.
        expect(Buffer.from(s!, 'base64url')).toHaveLength(64);
      } else {
        // PKCS #1 v1.5 is deterministic: the very token jose makes.
        const jose = await new SignJWT(payload)
          .setProtectedHeader({ alg, kid: 'k1', typ: 'at+jwt' })
          .sign(pair.privateKey);
        expect(token).toBe(jose);
      }
    });
  }
});
