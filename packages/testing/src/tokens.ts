import { createHash, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HttpBrowser } from './http-browser.js';
import type { LaunchedHub } from './hub.js';
import { HubRequestError } from './passkeys.js';

/*
 * Tokens for a service's tests, from the hub's real OAuth endpoints (`/oidc/authorize`, `/oidc/token`), with the
 * client credentials registration gave the service: what the SDK, or another service calling it, gets.
 */

/** A service's client credentials (`registerService`, `rotateSecret`). */
export interface ServiceCredentials {
  clientId: string;
  clientSecret: string;
}

/** The hub's token response. */
export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope?: string;
  id_token?: string;
  refresh_token?: string;
  // biome-ignore lint/suspicious/noExplicitAny: further members as the grant gives them
  [member: string]: any;
}

const basic = ({ clientId, clientSecret }: ServiceCredentials) =>
  `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;

/** Posts a grant to the hub's token endpoint as the client; throws `HubRequestError` when it is refused. */
export async function requestToken(
  launched: LaunchedHub,
  credentials: ServiceCredentials,
  params: Record<string, string>,
): Promise<TokenResponse> {
  const response = await fetch(`${launched.url}/oidc/token`, {
    method: 'POST',
    headers: { authorization: basic(credentials), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
  const text = await response.text();
  const body = text ? JSON.parse(text) : undefined;
  if (response.status !== 200)
    throw new HubRequestError(`token request (${params.grant_type})`, response.status, body);
  return body as TokenResponse;
}

/**
 * A `client_credentials` access token for the service itself — what the SDK uses for the hub's service API,
 * and what one service presents to another: `scope` (space-separated) and, for a call to another service,
 * `resource` (its origin, RFC 8707) pass through to the hub as given.
 *
 * @example
 * const { access_token } = await serviceToken(launched, credentials, { scope: 'accounts:read' });
 */
export function serviceToken(
  launched: LaunchedHub,
  credentials: ServiceCredentials,
  options: { scope?: string; resource?: string } = {},
): Promise<TokenResponse> {
  return requestToken(launched, credentials, {
    grant_type: 'client_credentials',
    ...(options.scope ? { scope: options.scope } : {}),
    ...(options.resource ? { resource: options.resource } : {}),
  });
}

/**
 * A user's tokens for a service, as the SDK gets them at sign-in: the authorization code flow with PKCE, run by
 * `browser` (signed in at the hub, e.g. by `signUp`) up to the redirect back to the service — which is not
 * followed, so the service's own session is untouched — then the code exchanged with the service's secret.
 * Answers the access token (audience: the service) and the ID token.
 *
 * @example
 * const browser = new HttpBrowser();
 * await signUp(browser, launched.url);
 * const { access_token } = await userTokens(launched, browser, credentials, {
 *   redirectUri: `${service.url}/auth/callback`,
 * });
 * await fetch(`${service.url}/api/notes`, { headers: { authorization: `Bearer ${access_token}` } });
 */
export async function userTokens(
  launched: LaunchedHub,
  browser: HttpBrowser,
  credentials: ServiceCredentials,
  options: { redirectUri: string; scope?: string },
): Promise<TokenResponse> {
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const authorize = new URL(`${launched.url}/oidc/authorize`);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: credentials.clientId,
    redirect_uri: options.redirectUri,
    scope: options.scope ?? 'openid profile',
    state,
    nonce: randomBytes(16).toString('base64url'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  let url = authorize.href;
  for (let hop = 0; hop < 10 && !url.startsWith(options.redirectUri); hop++) {
    const response = await browser.fetch(url);
    await response.body?.cancel();
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) {
      throw new Error(
        `the hub did not send ${credentials.clientId} a code (${response.status} at ${url}): is the browser signed in there?`,
      );
    }
    url = new URL(location, url).href;
  }
  const back = new URL(url);
  const code = back.searchParams.get('code');
  if (!code || back.searchParams.get('state') !== state) {
    throw new Error(`the hub answered ${back.search} instead of a code`);
  }
  return requestToken(launched, credentials, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: options.redirectUri,
    code_verifier: verifier,
  });
}

/**
 * Writes a service's credentials file as `services:register` does (`{ issuer, clientId, clientSecret }`, mode
 * 0600) — in `dir`, default the hub's services folder — and answers its path: what a service started in a
 * test reads (`ORBIT_CREDENTIALS_FILE`), and reads again after `rotateSecret`.
 */
export async function writeCredentialsFile(
  launched: LaunchedHub,
  credentials: ServiceCredentials,
  options: { dir?: string } = {},
): Promise<string> {
  const dir = options.dir ?? launched.config.servicesDir;
  if (!dir) throw new Error('writeCredentialsFile needs { dir } with a hub without a data folder');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `${credentials.clientId}.json`);
  const { clientId, clientSecret } = credentials;
  await writeFile(file, JSON.stringify({ issuer: launched.url, clientId, clientSecret }), { mode: 0o600 });
  return file;
}
