import { HUB_API_SCOPES } from '../clients/clients.js';
import type { ClientRow } from '../schema.js';

/** A validated authorization request (OIDC Core §3.1.2.1 with PKCE, RFC 7636). */
export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string | undefined;
  nonce: string | undefined;
  codeChallenge: string;
  prompt: Set<string>;
  maxAge: number | undefined;
  loginHint: string | undefined;
  uiLocales: string | undefined;
  acrValues: string | undefined;
  idTokenHint: string | undefined;
}

/** Problems found before the redirect URI is trusted: shown on our own page, never redirected (RFC 6749 §4.1.2.1). */
export class UntrustedRedirectError extends Error {
  override name = 'UntrustedRedirectError';
  constructor(
    readonly code: 'invalid_client' | 'invalid_redirect_uri' | 'invalid_request',
    message: string,
  ) {
    super(message);
  }
}

/** Problems reported to the client at its redirect URI. */
export class AuthorizationError extends Error {
  override name = 'AuthorizationError';
  constructor(
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

const PKCE_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/** Checks the client and redirect URI first; everything after that is an error the client may see. */
export function validateAuthorizationRequest(
  params: Record<string, string>,
  client: ClientRow | undefined,
): AuthorizationRequest {
  if (!params.client_id) throw new UntrustedRedirectError('invalid_request', 'The request has no client_id.');
  if (!client || client.disabledAt)
    throw new UntrustedRedirectError('invalid_client', 'This application is not registered with Orbit.');
  if (!params.redirect_uri)
    throw new UntrustedRedirectError('invalid_request', 'The request has no redirect_uri.');
  if (!client.redirectUris.includes(params.redirect_uri)) {
    throw new UntrustedRedirectError(
      'invalid_redirect_uri',
      'The redirect_uri is not one this application registered.',
    );
  }

  if (params.request)
    throw new AuthorizationError('request_not_supported', 'Request objects are not supported.');
  if (params.request_uri)
    throw new AuthorizationError('request_uri_not_supported', 'request_uri is not supported.');
  if (params.response_type !== 'code') {
    throw new AuthorizationError('unsupported_response_type', 'Only response_type=code is supported.');
  }
  if (params.response_mode && params.response_mode !== 'query') {
    throw new AuthorizationError('invalid_request', 'Only response_mode=query is supported.');
  }
  if (!client.grantTypes.includes('authorization_code')) {
    throw new AuthorizationError(
      'unauthorized_client',
      'This client may not use the authorization code flow.',
    );
  }
  const requested = (params.scope ?? '').split(' ').filter(Boolean);
  if (requested.length === 0) throw new AuthorizationError('invalid_scope', 'The request has no scope.');
  // The hub API scopes belong to the client's own client_credentials tokens; no user can grant them.
  const hubApiScopes: readonly string[] = HUB_API_SCOPES;
  const forbidden = requested.filter((s) => hubApiScopes.includes(s));
  if (forbidden.length)
    throw new AuthorizationError('invalid_scope', `Scopes no user can grant: ${forbidden.join(' ')}.`);
  // Scopes the hub doesn't know (`address`, `phone`, another provider's) are ignored, as OpenID Connect Core
  // §3.1.2.1 and §5.4 say. Known scopes the client isn't allowed are left out too (RFC 6749 §3.3 lets the server
  // grant less than asked; the token response's `scope` says what was granted), as Keycloak does with client
  // scopes a client wasn't given: generic libraries ask for `openid profile email offline_access` by default.
  const scopes = requested.filter((s) => client.scopes.includes(s));
  if (scopes.length === 0) {
    throw new AuthorizationError('invalid_scope', 'None of the requested scopes is allowed for this client.');
  }
  if (!params.code_challenge)
    throw new AuthorizationError('invalid_request', 'PKCE is required: send code_challenge.');
  if (params.code_challenge_method !== 'S256') {
    throw new AuthorizationError('invalid_request', 'PKCE code_challenge_method must be S256.');
  }
  if (!PKCE_CHALLENGE.test(params.code_challenge))
    throw new AuthorizationError('invalid_request', 'Malformed code_challenge.');
  const prompt = new Set((params.prompt ?? '').split(' ').filter(Boolean));
  if (prompt.has('none') && prompt.size > 1) {
    throw new AuthorizationError('invalid_request', 'prompt=none cannot be combined with other values.');
  }
  let maxAge: number | undefined;
  if (params.max_age !== undefined && params.max_age !== '') {
    if (!/^\d{1,9}$/.test(params.max_age))
      throw new AuthorizationError('invalid_request', 'max_age must be a whole number of seconds.');
    maxAge = Number(params.max_age);
  }
  return {
    clientId: client.id,
    redirectUri: params.redirect_uri,
    scope: [...new Set(scopes)].join(' '),
    state: params.state,
    nonce: params.nonce,
    codeChallenge: params.code_challenge,
    prompt,
    maxAge,
    loginHint: params.login_hint,
    uiLocales: params.ui_locales,
    acrValues: params.acr_values,
    idTokenHint: params.id_token_hint,
  };
}

/** The redirect back to the client: `code` or `error`, with `state` and `iss` (RFC 9207). */
export function clientRedirect(
  redirectUri: string,
  issuer: string,
  values: Record<string, string | undefined>,
): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(values))
    if (value !== undefined) url.searchParams.set(key, value);
  url.searchParams.set('iss', issuer);
  return url.toString();
}
