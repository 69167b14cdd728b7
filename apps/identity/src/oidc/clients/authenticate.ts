import { isStorableText } from '@orbit/http';
import { lt } from 'drizzle-orm';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import type { Clock } from '../../clock.js';
import type { IdentityDb } from '../../kernel/db.js';
import { invalidClient, invalidRequest } from '../errors.js';
import { type ClientRow, usedClientAssertions } from '../schema.js';
import type { Clients } from './clients.js';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** RFC 6749 §2.3.1: the Basic credentials are form-urlencoded before base64. */
function parseBasic(header: string): { id: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
    };
  } catch {
    return undefined;
  }
}

/**
 * Authenticates the client calling the token, revocation or introspection endpoint, by the one method it
 * registered: `client_secret_basic`, `client_secret_post`, `private_key_jwt` (RFC 7523, single-use assertions)
 * or `none` (public clients, identified only). Every failure is `invalid_client` with no detail about which
 * part was wrong.
 */
export function createClientAuthenticator({
  db,
  clock,
  clients,
  audiences,
}: {
  db: IdentityDb;
  clock: Clock;
  clients: Clients;
  /** What a client assertion's `aud` may be: the issuer and the endpoint URLs. */
  audiences: string[];
}) {
  return async function authenticateClient(
    authorization: string | undefined,
    form: Record<string, string>,
  ): Promise<ClientRow> {
    const basic = authorization ? parseBasic(authorization) : undefined;
    if (authorization && !basic) throw invalidClient('Malformed Authorization header.', true);
    const assertion = form.client_assertion;
    const methods = [basic, form.client_secret, assertion].filter(Boolean).length;
    if (methods > 1) throw invalidRequest('Use exactly one client authentication method.');

    let clientId = basic?.id ?? form.client_id;
    if (assertion) {
      if (form.client_assertion_type !== JWT_BEARER)
        throw invalidClient('Unsupported client_assertion_type.');
      try {
        clientId = decodeJwt(assertion).sub ?? clientId;
      } catch {
        throw invalidClient('Malformed client assertion.');
      }
    }
    if (!clientId) throw invalidClient('Client authentication is required.', Boolean(basic));
    // A Basic header or an assertion's `sub` can carry any text (a NUL, a number): never a client id to look up.
    if (typeof clientId !== 'string' || !isStorableText(clientId))
      throw invalidClient('Client authentication failed.', Boolean(basic));
    const client = await clients.get(clientId);
    if (!client || client.disabledAt) throw invalidClient('Client authentication failed.', Boolean(basic));
    if (form.client_id && form.client_id !== client.id)
      throw invalidClient('Client authentication failed.', Boolean(basic));

    switch (client.tokenEndpointAuthMethod) {
      case 'client_secret_basic':
      case 'client_secret_post': {
        const secret =
          client.tokenEndpointAuthMethod === 'client_secret_basic' ? basic?.secret : form.client_secret;
        // Any live secret: the current one, or the one a rotation replaced while its grace lasts.
        if (!secret || !(await clients.secretMatches(client.id, secret))) {
          throw invalidClient(
            'Client authentication failed.',
            client.tokenEndpointAuthMethod === 'client_secret_basic',
          );
        }
        return client;
      }
      case 'private_key_jwt': {
        if (!assertion || !client.jwks) throw invalidClient('Client authentication failed.');
        const now = clock.now();
        try {
          const { payload } = await jwtVerify(assertion, createLocalJWKSet(client.jwks as never), {
            issuer: client.id,
            subject: client.id,
            audience: audiences,
            currentDate: now,
            maxTokenAge: '5m',
            // Client clocks drift; a minute either way is the usual allowance (RFC 7519 §4.1.4).
            clockTolerance: 60,
          });
          if (typeof payload.jti !== 'string' || typeof payload.exp !== 'number')
            throw new Error('jti and exp required');
          await db.delete(usedClientAssertions).where(lt(usedClientAssertions.expiresAt, now));
          const inserted = await db
            .insert(usedClientAssertions)
            .values({ jti: `${client.id}:${payload.jti}`, expiresAt: new Date(payload.exp * 1000) })
            .onConflictDoNothing()
            .returning();
          if (inserted.length === 0) throw new Error('assertion replayed');
        } catch {
          throw invalidClient('Client authentication failed.');
        }
        return client;
      }
      case 'none':
        if (basic || form.client_secret || assertion)
          throw invalidClient('This client does not use a secret.');
        return client;
    }
  };
}

export type AuthenticateClient = ReturnType<typeof createClientAuthenticator>;
