import { AppError } from '@orbit/http';
import { errors, type JWTPayload } from 'jose';

/** Token claims a verified bearer access token carries. */
export interface AccessTokenClaims extends JWTPayload {
  sub: string;
  client_id: string;
  scope: string;
  /** The user's roles in this service when the token was issued (`news.editor`); none for a service token. */
  roles?: string[];
  /** The service acting for the user, in a token another service got by token exchange (RFC 8693). */
  act?: { sub: string };
}

/** Who is calling, as a verified bearer token says (`c.get('caller')` after `requireBearer()`). */
export interface BearerCaller {
  /** The service the token was issued to (`client_id`; for a user's token exchanged by a service, `act.sub`). */
  service: string;
  /** The user the call is made for, or null when the service calls as itself (`client_credentials`). */
  user: { sub: string } | null;
}

/**
 * Why a bearer token is refused, in the error's code (docs/services.md, "Calling another service"):
 * `token.missing` (none sent), `token.invalid` (not a token the hub signed, or malformed), `token.expired`,
 * `token.wrong_audience` (addressed to another service or the hub), `token.missing_scope` (403).
 */
export type BearerRefusal =
  | 'token.missing'
  | 'token.invalid'
  | 'token.expired'
  | 'token.wrong_audience'
  | 'token.missing_scope';

const refuse = (code: Exclude<BearerRefusal, 'token.missing_scope'>, message: string) =>
  new AppError(401, code, message, undefined, {
    'WWW-Authenticate':
      code === 'token.missing'
        ? 'Bearer'
        : `Bearer error="invalid_token", error_description="${message.replace(/"/g, "'")}"`,
  });

/**
 * Checks a bearer access token for this service: `verify` checks the signature, issuer, `typ` and expiry (jose's
 * errors tell which failed), then the audience must be this service and every scope in `scopes` present.
 * Answers the claims and the caller, or throws the {@link BearerRefusal} that names the reason.
 */
export async function checkBearer(
  header: string | undefined,
  options: {
    verify: (token: string) => Promise<JWTPayload>;
    audience: string;
    scopes: readonly string[];
  },
): Promise<{ claims: AccessTokenClaims; caller: BearerCaller }> {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) throw refuse('token.missing', 'A bearer access token is required.');
  let claims: JWTPayload;
  try {
    claims = await options.verify(match[1]);
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw refuse('token.expired', 'The access token has expired.');
    throw refuse('token.invalid', 'The access token is not valid.');
  }
  if (typeof claims.sub !== 'string' || typeof claims.client_id !== 'string') {
    throw refuse('token.invalid', 'The access token is not valid.');
  }
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(options.audience)) {
    throw refuse('token.wrong_audience', `The access token is not addressed to ${options.audience}.`);
  }
  const granted = new Set(String(claims.scope ?? '').split(' '));
  const missing = options.scopes.filter((s) => !granted.has(s));
  if (missing.length) {
    throw new AppError(
      403,
      'token.missing_scope',
      `The token lacks: ${missing.join(' ')}.`,
      { missing },
      {
        'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${missing.join(' ')}"`,
      },
    );
  }
  const token = claims as AccessTokenClaims;
  const act = token.act && typeof token.act.sub === 'string' ? token.act.sub : undefined;
  // A client_credentials token's subject is the service itself; any other subject is a user.
  const user = token.sub !== token.client_id ? { sub: token.sub } : null;
  return { claims: token, caller: { service: act ?? token.client_id, user } };
}
