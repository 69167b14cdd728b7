import { OIDC_ERROR_CODES } from '@orbit/contracts';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { errorCatalogue } from '../kernel/errors.js';
/** Every error the oidc module answers with: its code (shared through @orbit/contracts), status and English message. */
export const OIDC_ERRORS = errorCatalogue(OIDC_ERROR_CODES, {
  clientExists: [409, 'A client with id … exists already.'],
  clientInvalid: [400, 'The client registration is not valid.'],
  clientInvalidGrace: [400, 'The grace must be a whole number of hours from 0 to ….'],
  clientNoSecret: [400, 'Client … does not authenticate with a secret.'],
  clientNotFound: [404, 'No client ….'],
  consentNotFound: [404, 'This app has no access to your account.'],
  interactionNotFound: [404, 'This request has expired; start again from the application.'],
});

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
