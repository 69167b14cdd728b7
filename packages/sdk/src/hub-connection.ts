import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { type ClientCredentials, type CredentialsSource, readCredentials } from './credentials.js';

export interface Clock {
  now(): Date;
}

/**
 * The service's link to the hub: discovery, client authentication and the hub's key set. Made lazily on first
 * use and made again after the hub refuses the client (a rotated secret), so a service may start before the
 * hub does and survive a secret rotation.
 */
export function createHubConnection(options: {
  hubUrl: string;
  clientId: string;
  credentials: CredentialsSource;
  clock: Clock;
}) {
  const issuer = options.hubUrl.replace(/\/+$/, '');
  let current: Promise<{ config: oidc.Configuration; credentials: ClientCredentials }> | undefined;
  let jwks: JWTVerifyGetKey | undefined;

  async function connect() {
    const credentials = await readCredentials(options.credentials, options.clientId);
    const config = await oidc.discovery(
      new URL(issuer),
      credentials.clientId,
      { id_token_signed_response_alg: 'RS256' },
      oidc.ClientSecretBasic(credentials.clientSecret),
      issuer.startsWith('http://') ? { execute: [oidc.allowInsecureRequests] } : undefined,
    );
    return { config, credentials };
  }

  const connection = () => {
    current ??= connect().catch((error) => {
      current = undefined; // try again on the next call
      throw error;
    });
    return current;
  };

  return {
    issuer,
    clientId: options.clientId,
    /** Where the credentials come from, for the operator: the file's path, or "fixed credentials". */
    credentialsOrigin: 'file' in options.credentials ? options.credentials.file : 'fixed credentials',
    /** The openid-client configuration (discovered once). */
    async config(): Promise<oidc.Configuration> {
      return (await connection()).config;
    },
    /** The client secret in use (the login state is sealed under a key derived from it). */
    async clientSecret(): Promise<string> {
      return (await connection()).credentials.clientSecret;
    },
    /** Forgets the configuration and credentials, so the next call reads them again. */
    reset() {
      current = undefined;
    },
    /** Runs `call`; when the hub says the client is unknown or its secret wrong, reconnects once and retries. */
    async withClient<T>(call: (config: oidc.Configuration) => Promise<T>): Promise<T> {
      try {
        return await call(await this.config());
      } catch (error) {
        if (!clientRejected(error)) throw error;
        this.reset();
        return call(await this.config());
      }
    },
    /**
     * Verifies a JWT the hub signed (signature against its cached JWKS, issuer, audience = this service, `typ`,
     * expiry with a minute of leeway). With `anyAudience` the caller checks the audience itself (to name a
     * wrong one as such).
     */
    async verify(token: string, typ: string, opts: { anyAudience?: boolean } = {}): Promise<JWTPayload> {
      const config = await this.config();
      const jwksUri = config.serverMetadata().jwks_uri;
      if (!jwksUri) throw new Error('The hub publishes no jwks_uri.');
      jwks ??= createRemoteJWKSet(new URL(jwksUri), { cacheMaxAge: 10 * 60_000, cooldownDuration: 30_000 });
      const { payload } = await jwtVerify(token, jwks, {
        issuer,
        ...(opts.anyAudience ? {} : { audience: options.clientId }),
        typ,
        algorithms: ['RS256', 'ES256'],
        currentDate: options.clock.now(),
        clockTolerance: 60,
      });
      return payload;
    },
  };
}

/** Socket errors of a hub that is down, restarting or unreachable (Node's and undici's codes). */
const UNREACHABLE =
  /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|UND_ERR_\w+)$/;

/**
 * The hub could not answer a back-channel call (a code exchange, a refresh): it was unreachable, or answered
 * with a 5xx. Not the user's fault and not the sign-in's: trying again in a moment works. (A 4xx — an expired or
 * used code, a refused client — is none of these.)
 */
export function hubUnreachable(error: unknown): boolean {
  if (error instanceof oidc.ResponseBodyError) return error.status >= 500;
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  if (cause instanceof Response) return cause.status >= 500;
  if (error instanceof TypeError && error.message === 'fetch failed') return true;
  const code =
    (cause as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && UNREACHABLE.test(code);
}

/** The hub refused the client itself (unknown, disabled, or a secret rotated since we read it). */
export function clientRejected(error: unknown): boolean {
  if (error instanceof oidc.ResponseBodyError) return error.error === 'invalid_client';
  if (error instanceof oidc.WWWAuthenticateChallengeError) return error.status === 401;
  return false;
}

export type HubConnection = ReturnType<typeof createHubConnection>;
