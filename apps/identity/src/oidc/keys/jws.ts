import { type KeyObject, sign } from 'node:crypto';
import type { SigningAlgorithm } from '../schema.js';

const segment = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A signed JWT in the JWS Compact Serialization (RFC 7515 §7.1), signed with a node:crypto `KeyObject`: the
 * token endpoint's hot path. jose signs through WebCrypto, whose job dispatch cost more than an ES256 signature
 * itself; here an ES256 signature (tens of microseconds) is made on the spot, and an RS256 one (close to a
 * millisecond) on libuv's thread pool, so the event loop keeps serving. jose still verifies every token.
 */
export function signJwt(
  header: { alg: SigningAlgorithm; kid: string; typ: string },
  payload: Record<string, unknown>,
  key: KeyObject,
): Promise<string> {
  const input = `${segment(header)}.${segment(payload)}`;
  const data = Buffer.from(input);
  if (header.alg === 'ES256') {
    // RFC 7518 §3.4: R || S, 64 bytes, not DER.
    const signature = sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' });
    return Promise.resolve(`${input}.${signature.toString('base64url')}`);
  }
  return new Promise((resolve, reject) => {
    sign('sha256', data, key, (error, signature) => {
      if (error) reject(error);
      else resolve(`${input}.${signature.toString('base64url')}`);
    });
  });
}
