import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { decodeProtectedHeader, exportJWK, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signJwt, type VerificationKey, verifyJwt } from './jws.js';

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

describe('verifyJwt (node:crypto)', () => {
  const payload = { sub: 'account', iss: 'http://hub', exp: 4_000_000_000, scope: 'openid 邮件' };
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  async function keyPair(alg: 'RS256' | 'ES256', kid: string) {
    const pair = await generateKeyPair(alg, { extractable: true });
    const jwk = await exportJWK(pair.privateKey);
    const privateKey = createPrivateKey({ key: { ...jwk, kid, alg }, format: 'jwk' });
    const publicKey = createPublicKey({ key: await exportJWK(pair.publicKey), format: 'jwk' });
    return { pair, privateKey, verification: { alg, key: publicKey } as VerificationKey };
  }

  it('takes what signJwt and jose sign with a published key, RS256 and ES256, and answers header and claims', async () => {
    const rsa = await keyPair('RS256', 'r1');
    const ec = await keyPair('ES256', 'e1');
    const keys = new Map([
      ['r1', rsa.verification],
      ['e1', ec.verification],
    ]);
    for (const [alg, kid, k] of [
      ['RS256', 'r1', rsa],
      ['ES256', 'e1', ec],
    ] as const) {
      const ours = await signJwt({ alg, kid, typ: 'at+jwt' }, payload, k.privateKey);
      expect(verifyJwt(ours, (id) => keys.get(id))).toEqual({ header: { alg, kid, typ: 'at+jwt' }, payload });
      const jose = await new SignJWT(payload).setProtectedHeader({ alg, kid }).sign(k.pair.privateKey);
      expect(verifyJwt(jose, (id) => keys.get(id))?.payload).toEqual(payload);
    }
  });

  it('refuses anything else: tampering, another key or algorithm, none, crit, unknown kid, loose encodings', async () => {
    const rsa = await keyPair('RS256', 'r1');
    const ec = await keyPair('ES256', 'e1');
    const other = await keyPair('RS256', 'r1');
    const keys = new Map([
      ['r1', rsa.verification],
      ['e1', ec.verification],
    ]);
    const keyFor = (kid: string) => keys.get(kid);
    const good = await signJwt({ alg: 'RS256', kid: 'r1', typ: 'at+jwt' }, payload, rsa.privateKey);
    expect(verifyJwt(good, keyFor)).toBeDefined();
    const [h, p, s] = good.split('.') as [string, string, string];
    const refused = (token: string) => expect(verifyJwt(token, keyFor)).toBeUndefined();

    refused(`${h}.${b64({ ...payload, sub: 'other' })}.${s}`); // a claim changed
    refused(`${b64({ alg: 'RS256', kid: 'r1', typ: 'JWT' })}.${p}.${s}`); // the header changed
    refused(await signJwt({ alg: 'RS256', kid: 'r1', typ: 'at+jwt' }, payload, other.privateKey)); // not our key
    refused(await signJwt({ alg: 'RS256', kid: 'r9', typ: 'at+jwt' }, payload, rsa.privateKey)); // unknown kid
    // The EC key's kid with an RS256 signature, and the RSA key's kid claiming ES256 (algorithm confusion).
    refused(await signJwt({ alg: 'RS256', kid: 'e1', typ: 'at+jwt' }, payload, rsa.privateKey));
    refused(await signJwt({ alg: 'ES256', kid: 'r1', typ: 'at+jwt' }, payload, ec.privateKey));
    // alg none, with and without a signature segment; HS256 keyed with anything.
    refused(`${b64({ alg: 'none', kid: 'r1' })}.${p}.`);
    refused(`${b64({ alg: 'none', kid: 'r1' })}.${p}.${s}`);
    refused(`${b64({ alg: 'HS256', kid: 'r1' })}.${p}.${s}`);
    // A critical extension we don't understand, even correctly signed.
    refused(
      await signJwt(
        { alg: 'RS256', kid: 'r1', typ: 'at+jwt', crit: ['exp'] } as never,
        payload,
        rsa.privateKey,
      ),
    );
    // Extra or missing segments, stray characters, padding, a header that is not a JSON object.
    refused(`${good}.x`);
    refused(`${h}.${p}`);
    refused(`${h}.${p}.${s}!`);
    refused(`${h}.${p}.${s}==`);
    refused(`${h} .${p}.${s}`);
    refused(`${b64(['RS256'])}.${p}.${s}`);
    refused(`${Buffer.from('not json').toString('base64url')}.${p}.${s}`);
    // ES256 in DER (as node:crypto signs by default) instead of the raw 64 bytes JWS requires.
    const ecToken = await signJwt({ alg: 'ES256', kid: 'e1', typ: 'at+jwt' }, payload, ec.privateKey);
    const [eh, ep] = ecToken.split('.') as [string, string, string];
    const der = sign('sha256', Buffer.from(`${eh}.${ep}`), ec.privateKey).toString('base64url');
    expect(verifyJwt(ecToken, keyFor)).toBeDefined();
    refused(`${eh}.${ep}.${der}`);
    // A claims segment that is not a JSON object, correctly signed.
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    keys.set('r2', { alg: 'RS256', key: createPublicKey(privateKey) });
    const header = b64({ alg: 'RS256', kid: 'r2' });
    const array = Buffer.from('[1,2]').toString('base64url');
    const arraySig = sign('sha256', Buffer.from(`${header}.${array}`), privateKey).toString('base64url');
    refused(`${header}.${array}.${arraySig}`);
  });
});
