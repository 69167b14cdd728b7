/**
 * The hub's OpenID Connect endpoints (`/.well-known/openid-configuration`, `/oidc/*`) and the JSON the portal's
 * consent and connected-apps pages read (`/api/oidc/interactions`, `/api/consents`). The OAuth endpoints keep
 * their RFC shapes: form bodies, and `{ error, error_description }` failures (RFC 6749 §5.2).
 */
import { z } from 'zod';
import { consentList } from './consents.js';
import { endpoint } from './endpoint.js';

const oidcTag = ['oidc'] as const;
const form = (fields: Record<string, z.ZodType>) => z.looseObject(fields);
const text = z.string().optional();

/** OpenID Connect Discovery 1.0 §3: what the hub supports and where its endpoints are. */
export const discoveryDocument = z
  .looseObject({
    issuer: z.string(),
    authorization_endpoint: z.string(),
    token_endpoint: z.string(),
    userinfo_endpoint: z.string(),
    jwks_uri: z.string(),
    revocation_endpoint: z.string(),
    introspection_endpoint: z.string(),
    end_session_endpoint: z.string(),
    scopes_supported: z.array(z.string()),
    response_types_supported: z.array(z.string()),
    grant_types_supported: z.array(z.string()),
    acr_values_supported: z.array(z.string()).optional(),
  })
  .meta({ id: 'OpenIdConfiguration', description: 'OpenID Connect Discovery 1.0 metadata.' });

/** RFC 7517 JSON Web Key Set: the hub's public signing keys. */
export const jwks = z.object({
  keys: z.array(z.looseObject({ kty: z.string(), kid: z.string().optional() })),
});

/** RFC 6749 §5.1 (and OIDC Core §3.1.3.3, RFC 8693 §2.2.1): a token response. */
export const tokenResponse = z
  .looseObject({
    access_token: z.string(),
    token_type: z.string(),
    expires_in: z.number().int().optional(),
    refresh_token: z.string().optional(),
    id_token: z.string().optional(),
    scope: z.string().optional(),
    issued_token_type: z.string().optional(),
  })
  .meta({ id: 'TokenResponse', description: 'An OAuth 2.0 token response.' });

/** OIDC Core §5.3.2: the user's claims the token's scopes release. */
export const userInfo = z
  .looseObject({ sub: z.string() })
  .meta({ id: 'UserInfo', description: 'The claims the access token’s scopes release.' });

/** The parameters of an authorization request (OIDC Core §3.1.2.1); unknown ones are ignored. */
export const authorizationRequest = form({
  response_type: text,
  client_id: text,
  redirect_uri: text,
  scope: text,
  state: text,
  nonce: text,
  code_challenge: text,
  code_challenge_method: text,
  prompt: text,
  max_age: text,
  acr_values: text,
  login_hint: text,
  ui_locales: text,
});

/** RP-Initiated Logout 1.0 §2 parameters. */
export const logoutRequest = form({
  id_token_hint: text,
  post_logout_redirect_uri: text,
  client_id: text,
  state: text,
  ui_locales: text,
});

const htmlError = {
  description: 'An error page, for an authorization request that can’t be sent back to the application.',
  type: 'text/html',
} as const;
const redirect = {
  description: 'Redirect (see `Location`).',
  headers: { Location: 'Where the browser goes next.' },
};

export const oidcApi = {
  discovery: endpoint({
    method: 'get',
    path: '/.well-known/openid-configuration',
    summary: 'OpenID Connect discovery',
    tags: oidcTag,
    responses: { 200: discoveryDocument },
  }),
  jwks: endpoint({
    method: 'get',
    path: '/oidc/jwks',
    summary: 'The hub’s public signing keys',
    tags: oidcTag,
    responses: { 200: { description: 'RFC 7517 key set.', type: 'application/jwk-set+json', schema: jwks } },
  }),
  authorize: endpoint({
    method: 'get',
    path: '/oidc/authorize',
    summary: 'Authorization request (code flow with PKCE)',
    tags: oidcTag,
    query: authorizationRequest,
    errors: 'oauth',
    responses: { 302: redirect, 400: htmlError },
  }),
  authorizeForm: endpoint({
    method: 'post',
    path: '/oidc/authorize',
    summary: 'Authorization request, form-posted',
    tags: oidcTag,
    bodyEncoding: 'form',
    body: authorizationRequest,
    errors: 'oauth',
    responses: { 302: redirect, 400: htmlError },
  }),
  resume: endpoint({
    method: 'get',
    path: '/oidc/authorize/resume/:id',
    summary: 'Continue an authorization request after sign-in, step-up or consent',
    tags: oidcTag,
    params: z.object({ id: z.string() }),
    errors: 'oauth',
    responses: { 302: redirect, 400: htmlError },
  }),
  token: endpoint({
    method: 'post',
    path: '/oidc/token',
    summary: 'Token endpoint',
    description:
      'Grants: `authorization_code`, `refresh_token`, `client_credentials` (with RFC 8707 `resource`), and RFC 8693 token exchange.',
    tags: oidcTag,
    auth: 'client',
    bodyEncoding: 'form',
    body: form({
      grant_type: z.string(),
      code: text,
      redirect_uri: text,
      code_verifier: text,
      refresh_token: text,
      scope: text,
      resource: text,
      subject_token: text,
      subject_token_type: text,
      requested_token_type: text,
      audience: text,
      client_id: text,
      client_secret: text,
      client_assertion: text,
      client_assertion_type: text,
    }),
    errors: 'oauth',
    responses: { 200: tokenResponse },
  }),
  userinfo: endpoint({
    method: 'get',
    path: '/oidc/userinfo',
    summary: 'The claims of the access token’s user',
    tags: oidcTag,
    auth: 'bearer',
    errors: 'oauth',
    responses: { 200: userInfo },
  }),
  userinfoPost: endpoint({
    method: 'post',
    path: '/oidc/userinfo',
    summary: 'The claims of the access token’s user (POST)',
    tags: oidcTag,
    auth: 'bearer',
    errors: 'oauth',
    responses: { 200: userInfo },
  }),
  revoke: endpoint({
    method: 'post',
    path: '/oidc/revoke',
    summary: 'Revoke a refresh or access token (RFC 7009)',
    tags: oidcTag,
    auth: 'client',
    bodyEncoding: 'form',
    body: form({ token: text, token_type_hint: text }),
    errors: 'oauth',
    responses: { 200: null },
  }),
  introspect: endpoint({
    method: 'post',
    path: '/oidc/introspect',
    summary: 'Introspect a token (RFC 7662)',
    tags: oidcTag,
    auth: 'client',
    bodyEncoding: 'form',
    body: form({ token: text, token_type_hint: text }),
    errors: 'oauth',
    responses: { 200: z.looseObject({ active: z.boolean() }).meta({ id: 'Introspection' }) },
  }),
  logout: endpoint({
    method: 'get',
    path: '/oidc/logout',
    summary: 'RP-initiated logout (end session)',
    tags: oidcTag,
    query: logoutRequest,
    responses: {
      200: { description: 'The confirmation page: sign out of Orbit?', type: 'text/html' },
      302: redirect,
      400: htmlError,
    },
  }),
  logoutForm: endpoint({
    method: 'post',
    path: '/oidc/logout',
    summary: 'RP-initiated logout, form-posted',
    tags: oidcTag,
    bodyEncoding: 'form',
    body: logoutRequest,
    responses: {
      200: { description: 'The confirmation page: sign out of Orbit?', type: 'text/html' },
      302: redirect,
      400: htmlError,
    },
  }),
  logoutConfirm: endpoint({
    method: 'post',
    path: '/oidc/logout/confirm',
    summary: 'The confirmation page’s answer',
    tags: oidcTag,
    bodyEncoding: 'form',
    body: logoutRequest.extend({ csrf_token: text, decision: text }),
    responses: { 302: redirect, 400: htmlError },
  }),
};

/** `GET /api/oidc/interactions/:id`: an application's pending request, as the consent page shows it. */
export const interactionView = z
  .object({
    client: z.object({
      id: z.string(),
      name: z.string(),
      /** Where the browser goes back to after the answer, e.g. `https://chat.example.com`. */
      redirectOrigin: z.string(),
    }),
    /** The OAuth scopes asked for. */
    scopes: z.array(z.string()),
  })
  .meta({ id: 'Interaction', description: 'An application’s pending request to use the account.' });
export type InteractionView = z.infer<typeof interactionView>;

export const consentApi = {
  interaction: endpoint({
    method: 'get',
    path: '/api/oidc/interactions/:id',
    summary: 'What an application asks for (the consent page)',
    tags: ['consents'],
    auth: 'session',
    params: z.object({ id: z.string() }),
    responses: { 200: interactionView },
  }),
  answer: endpoint({
    method: 'post',
    path: '/api/oidc/interactions/:id/consent',
    summary: 'Allow or deny an application’s request',
    tags: ['consents'],
    auth: 'session',
    params: z.object({ id: z.string() }),
    body: z.object({ approve: z.boolean() }),
    responses: { 200: z.object({ redirectTo: z.string() }) },
  }),
  list: endpoint({
    method: 'get',
    path: '/api/consents',
    summary: 'The applications the account let in',
    tags: ['consents'],
    auth: 'session',
    responses: { 200: consentList },
  }),
  revoke: endpoint({
    method: 'delete',
    path: '/api/consents/:clientId',
    summary: 'Take an application’s access away',
    tags: ['consents'],
    auth: 'session',
    params: z.object({ clientId: z.string() }),
    responses: { 204: null },
  }),
};
