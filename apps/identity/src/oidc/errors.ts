import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * An OAuth 2.0 / OpenID Connect error: answered as `{ error, error_description }` (RFC 6749 §5.2), not in the
 * hub's API error shape, because OAuth clients parse exactly this.
 */
export class OAuthError extends Error {
  override name = 'OAuthError';
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status: ContentfulStatusCode = 400,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
  }

  toBody() {
    return { error: this.error, error_description: this.description };
  }
}

export const invalidRequest = (description: string) => new OAuthError('invalid_request', description);
export const invalidGrant = (description: string) => new OAuthError('invalid_grant', description);
export const invalidClient = (description: string, basic = false) =>
  new OAuthError(
    'invalid_client',
    description,
    401,
    basic ? { 'WWW-Authenticate': 'Basic realm="orbit"' } : {},
  );
