import { createHash, randomBytes, randomInt } from 'node:crypto';

/** The one source of randomness for secrets: 32 random bytes, base64url. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Secrets at rest are stored as their SHA-256; the tokens are 256-bit random, so no salt or stretching is needed. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export { randomInt };
