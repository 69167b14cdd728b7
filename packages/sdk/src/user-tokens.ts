import { createHash, hkdfSync } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';

/**
 * The hub's tokens for the user of one service session: what `orbit.call(…, { as: user })` trades for a token
 * addressed to another service (RFC 8693), refreshing the access token when it has expired.
 */
export interface UserTokens {
  accessToken: string;
  /** Absent when the hub issued none (a client without the refresh_token grant). */
  refreshToken?: string | undefined;
  /** When the access token expires (ms since the epoch). */
  expiresAt: number;
}

/**
 * Seals a session's hub tokens (JWE, A256GCM) under a key derived from the client secret, so the session store
 * never holds a bearer token in the clear. After a secret rotation they no longer open: the user's next call
 * on their behalf asks them to sign in again (`session.required`), which stores fresh ones.
 */
export function createUserTokenSealer(secret: () => Promise<string>, clientId: string) {
  async function key(): Promise<Uint8Array> {
    const material = createHash('sha256')
      .update(await secret())
      .digest();
    return new Uint8Array(hkdfSync('sha256', material, clientId, 'orbit-sdk user tokens', 32));
  }
  return {
    async seal(tokens: UserTokens): Promise<string> {
      return new EncryptJWT({ ...tokens })
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
        .encrypt(await key());
    },
    async open(sealed: string): Promise<UserTokens | undefined> {
      try {
        const { payload } = await jwtDecrypt(sealed, await key());
        if (typeof payload.accessToken !== 'string' || typeof payload.expiresAt !== 'number')
          return undefined;
        return {
          accessToken: payload.accessToken,
          refreshToken: typeof payload.refreshToken === 'string' ? payload.refreshToken : undefined,
          expiresAt: payload.expiresAt,
        };
      } catch {
        return undefined;
      }
    },
  };
}

export type UserTokenSealer = ReturnType<typeof createUserTokenSealer>;
