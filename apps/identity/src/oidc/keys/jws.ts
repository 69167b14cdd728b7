import { type KeyObject, sign, verify } from 'node:crypto';
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

/** A key our tokens may be verified with: its algorithm, and its public half as a node:crypto `KeyObject`. */
export interface VerificationKey {
  alg: SigningAlgorithm;
  key: KeyObject;
}

/** A base64url segment, strictly: a decoder that skips stray characters would let one token take many forms. */
const SEGMENT = /^[A-Za-z0-9_-]+$/;

const jsonObject = (segment: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Checks the signature of one of our own JWTs (JWS Compact Serialization, RFC 7515) with node:crypto, on the spot:
 * the access-token check behind userinfo, introspection and the service API, where jose's WebCrypto verification
 * cost a tenth of each request in job dispatch. Only what we sign passes: three strict base64url segments, a JSON
 * header naming a `kid` we publish and exactly that key's algorithm (RS256 or ES256; `none`, HMAC and any
 * mismatch fail, RFC 8725 §3.1), no `crit` (RFC 7515 §4.1.11: we understand no extension), and a signature of that
 * key over the first two segments as sent. Answers the header and claims, or undefined; the claims are the
 * caller's to check (issuer, type, expiry).
 */
export function verifyJwt(
  token: string,
  keyFor: (kid: string) => VerificationKey | undefined,
): { header: Record<string, unknown>; payload: Record<string, unknown> } | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [h, p, s] = parts as [string, string, string];
  if (!SEGMENT.test(h) || !SEGMENT.test(p) || !SEGMENT.test(s)) return undefined;
  const header = jsonObject(h);
  if (!header || typeof header.kid !== 'string' || 'crit' in header) return undefined;
  const key = keyFor(header.kid);
  if (!key || header.alg !== key.alg) return undefined;
  const signature = Buffer.from(s, 'base64url');
  const data = Buffer.from(`${h}.${p}`);
  const valid =
    key.alg === 'ES256'
      ? signature.length === 64 &&
        verify('sha256', data, { key: key.key, dsaEncoding: 'ieee-p1363' }, signature)
      : verify('sha256', data, key.key, signature);
  if (!valid) return undefined;
  const payload = jsonObject(p);
  return payload ? { header, payload } : undefined;
}
