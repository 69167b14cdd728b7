import { createHash, hkdfSync } from 'node:crypto';
import { safeReturnPath } from '@orbit/return-path';
import { EncryptJWT, jwtDecrypt } from 'jose';

/** A sign-in in progress: what the callback must check (RFC 9700 §2.1: state, nonce and PKCE). */
export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** A path on this service to go back to. */
  returnTo: string;
  /** `acr_values` asked for, when this sign-in is a step-up. */
  acr?: string;
  /** `max_age` asked for (seconds). */
  maxAge?: number;
  /** `prompt` asked for. */
  prompt?: string;
}

const LIFETIME_SECONDS = 10 * 60;

/**
 * Seals pending sign-ins into a short-lived cookie (JWE, A256GCM) under a key derived from the client secret,
 * so the service keeps no state for sign-ins that are never finished. One cookie per sign-in (named after its
 * state), so two tabs signing in at once don't overwrite each other.
 */
export function createLoginSealer(secret: () => Promise<string>, clientId: string) {
  async function key(): Promise<Uint8Array> {
    const material = createHash('sha256')
      .update(await secret())
      .digest();
    return new Uint8Array(hkdfSync('sha256', material, clientId, 'orbit-sdk login state', 32));
  }
  return {
    lifetimeSeconds: LIFETIME_SECONDS,
    cookieName: (state: string) =>
      `orbit_login_${createHash('sha256').update(state).digest('hex').slice(0, 16)}`,
    async seal(login: PendingLogin, now: Date): Promise<string> {
      const iat = Math.floor(now.getTime() / 1000);
      return new EncryptJWT({ ...login })
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
        .setIssuedAt(iat)
        .setExpirationTime(iat + LIFETIME_SECONDS)
        .encrypt(await key());
    },
    async open(sealed: string, now: Date): Promise<PendingLogin | undefined> {
      try {
        const { payload } = await jwtDecrypt(sealed, await key(), { currentDate: now });
        return payload as unknown as PendingLogin;
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * Only a path on this origin may be returned to (no `//host`, no scheme, judged after normalisation so
 * `/a/..//host` can't slip through): an open redirect otherwise. The one check every Orbit part shares.
 */
export function safeReturnTo(value: string | undefined, fallback = '/'): string {
  return safeReturnPath(value, fallback);
}
