import { AppError } from '@orbit/http';
import * as oidc from 'openid-client';
import { hubUnavailable } from './hub-api.js';
import type { Clock, HubConnection } from './hub-connection.js';
import type { OrbitUser } from './user.js';
import type { UserTokenSealer, UserTokens } from './user-tokens.js';

/** The token exchange grant (RFC 8693) and its access token type. */
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

/** A token is used until this long before it expires, so it never expires on its way. */
const EXPIRY_MARGIN_MS = 30_000;
/** How long where a service lives is reused before the hub is asked again. */
const DIRECTORY_CACHE_MS = 5 * 60_000;
const MAX_CACHED = 10_000;

/** Another service's API as the hub describes it to this caller (`GET /api/v1/calls/:service`). */
export interface CallTarget {
  service: string;
  origin: string;
  /** What to name it by in token requests (RFC 8707). */
  resource: string;
  /** The scopes this service may carry there now (requested ∩ offered ∩ approved). */
  scopes: string[];
}

/** How `orbit.call()` calls: as whom, and the request. */
export interface CallOptions {
  /**
   * `'service'`: as this service itself (`client_credentials`). A user (`c.get('user')` after `requireUser()`):
   * on their behalf, with their access token exchanged for one addressed to the other service (RFC 8693).
   */
  as: OrbitUser | 'service';
  method?: string;
  /** JSON-encoded unless it is a string, `FormData`, `URLSearchParams`, `Blob` or `ArrayBuffer`. */
  body?: unknown;
  headers?: Record<string, string>;
  /** The scopes to ask for (default: every scope this service may carry there). */
  scopes?: string[];
  /** Gives up after this long (default 10 s). */
  timeoutMs?: number;
}

/** Where a session's user tokens live, for `as: user`: set when `requireUser()` reads the session. */
export interface SessionTokensRef {
  idHash: string;
  hubTokens: string | null;
}

/** What the caller needs of the rest of the SDK. */
export interface CallerDeps {
  connection: HubConnection;
  clock: Clock;
  /** The hub's service API: where another service lives, and what this one may ask of it. */
  directory: (service: string) => Promise<CallTarget>;
  sealer: UserTokenSealer;
  /** The session a user object came from (the user `requireUser()` set), or undefined. */
  sessionOf: (user: OrbitUser) => SessionTokensRef | undefined;
  /** Keeps a session's refreshed, sealed tokens. */
  saveTokens: (idHash: string, sealed: string) => Promise<void>;
}

const sessionRequired = (message = 'Sign in again to continue.') =>
  new AppError(401, 'session.required', message);

/** What the hub answered a token request with, as an error of this service's API. */
function refusedByHub(error: unknown, service: string): never {
  if (error instanceof oidc.ResponseBodyError) {
    if (error.error === 'invalid_target') {
      throw new AppError(404, 'call.unknown_service', `No service ${service} takes calls.`, { service });
    }
    if (error.error === 'invalid_scope') {
      throw new AppError(
        403,
        'call.not_approved',
        `This service may not call ${service} with those scopes: its manifest does not ask for them, ${service} does not offer them, or an admin has not approved them.`,
        { service },
      );
    }
    if (error.error === 'invalid_grant') throw sessionRequired();
  }
  throw hubUnavailable(error);
}

const encodeBody = (body: unknown): { body: RequestInit['body'] | undefined; type: string | undefined } => {
  if (body === undefined) return { body: undefined, type: undefined };
  if (
    typeof body === 'string' ||
    body instanceof FormData ||
    body instanceof URLSearchParams ||
    body instanceof Blob ||
    body instanceof ArrayBuffer
  ) {
    return { body: body as RequestInit['body'], type: undefined };
  }
  return { body: JSON.stringify(body), type: 'application/json' };
};

/**
 * Calls to other services' APIs (docs/services.md, "Calling another service"), with tokens addressed to them:
 * a `client_credentials` token with `resource` for calls as this service, a token exchanged from the user's
 * access token for calls on a user's behalf. Tokens are cached per target, scopes (and session) until shortly
 * before they expire, and fetched once for concurrent callers; a 401 from the target drops the token and
 * retries once.
 */
export function createCaller(deps: CallerDeps) {
  const { connection, clock } = deps;
  const tokens = new Map<string, { value: string; until: number }>();
  const pending = new Map<string, Promise<string>>();
  const directory = new Map<string, { value: CallTarget; until: number }>();
  const refreshing = new Map<string, Promise<UserTokens>>();

  const now = () => clock.now().getTime();

  async function target(service: string): Promise<CallTarget> {
    const cached = directory.get(service);
    if (cached && cached.until > now()) return cached.value;
    const value = await deps.directory(service);
    if (directory.size > MAX_CACHED) directory.clear();
    directory.set(service, { value, until: now() + DIRECTORY_CACHE_MS });
    return value;
  }

  /** A cached token under `key`, or a fresh one from `fetchToken` (one request for concurrent callers). */
  async function cachedToken(
    key: string,
    fetchToken: () => Promise<{ value: string; expiresInMs: number }>,
  ): Promise<string> {
    const cached = tokens.get(key);
    if (cached && cached.until > now()) return cached.value;
    let inFlight = pending.get(key);
    if (!inFlight) {
      inFlight = fetchToken()
        .then(({ value, expiresInMs }) => {
          if (tokens.size > MAX_CACHED) tokens.clear();
          tokens.set(key, { value, until: now() + Math.max(0, expiresInMs - EXPIRY_MARGIN_MS) });
          return value;
        })
        .finally(() => pending.delete(key));
      pending.set(key, inFlight);
    }
    return inFlight;
  }

  /** The user's hub tokens, refreshed (and kept) when the access token has expired or is about to. */
  async function userTokens(ref: SessionTokensRef): Promise<UserTokens> {
    const opened = ref.hubTokens ? await deps.sealer.open(ref.hubTokens) : undefined;
    if (!opened) throw sessionRequired('Sign in again so this service may act for you.');
    if (opened.expiresAt - EXPIRY_MARGIN_MS > now()) return opened;
    const { refreshToken } = opened;
    if (!refreshToken) throw sessionRequired();
    let inFlight = refreshing.get(ref.idHash);
    if (!inFlight) {
      inFlight = (async () => {
        let response: oidc.TokenEndpointResponse;
        try {
          response = await connection.withClient((config) => oidc.refreshTokenGrant(config, refreshToken));
        } catch (error) {
          if (error instanceof oidc.ResponseBodyError && error.error === 'invalid_grant')
            throw sessionRequired();
          throw hubUnavailable(error);
        }
        const fresh: UserTokens = {
          accessToken: response.access_token,
          refreshToken: response.refresh_token ?? refreshToken,
          expiresAt: now() + (response.expires_in ?? 60) * 1000,
        };
        const sealed = await deps.sealer.seal(fresh);
        ref.hubTokens = sealed;
        await deps.saveTokens(ref.idHash, sealed);
        return fresh;
      })().finally(() => refreshing.delete(ref.idHash));
      refreshing.set(ref.idHash, inFlight);
    }
    return inFlight;
  }

  async function tokenFor(to: CallTarget, options: CallOptions): Promise<{ key: string; token: string }> {
    const scope = (options.scopes ?? []).join(' ');
    const params: Record<string, string> = { resource: to.resource, ...(scope ? { scope } : {}) };
    if (options.as === 'service') {
      const key = `service ${to.service} ${scope}`;
      const token = await cachedToken(key, async () => {
        try {
          const response = await connection.withClient((config) =>
            oidc.clientCredentialsGrant(config, params),
          );
          return { value: response.access_token, expiresInMs: (response.expires_in ?? 60) * 1000 };
        } catch (error) {
          refusedByHub(error, to.service);
        }
      });
      return { key, token };
    }
    const ref = deps.sessionOf(options.as);
    if (!ref) {
      throw new Error(
        'orbit.call(…, { as: user }) needs the user requireUser() or optionalUser() set on this request.',
      );
    }
    const key = `user ${ref.idHash} ${to.service} ${scope}`;
    const token = await cachedToken(key, async () => {
      const { accessToken } = await userTokens(ref);
      try {
        const response = await connection.withClient((config) =>
          oidc.genericGrantRequest(config, TOKEN_EXCHANGE, {
            ...params,
            subject_token: accessToken,
            subject_token_type: ACCESS_TOKEN_TYPE,
          }),
        );
        return { value: response.access_token, expiresInMs: (response.expires_in ?? 60) * 1000 };
      } catch (error) {
        refusedByHub(error, to.service);
      }
    });
    return { key, token };
  }

  /**
   * Calls another service's API at `path` (on its origin) and answers its `Response` as it is: read the status
   * and body as you would from `fetch`. Refusals before the call are errors in the one shape:
   * `call.unknown_service` (404), `call.not_approved` (403), `session.required` (401: the user must sign in
   * again), `hub.unavailable` (503).
   *
   * @example
   * const res = await orbit.call('notes', '/api/shared/notes', { as: c.get('user') });
   * const res = await orbit.call('mail', '/api/send', { as: 'service', method: 'POST', body: { to, text } });
   */
  async function call(service: string, path: string, options: CallOptions): Promise<Response> {
    if (!path.startsWith('/') || path.startsWith('//')) {
      throw new Error(`orbit.call: the path must start with a single "/" (got "${path}").`);
    }
    const to = await target(service);
    const { body, type } = encodeBody(options.body);
    for (let attempt = 1; ; attempt++) {
      const { key, token } = await tokenFor(to, options);
      let response: Response;
      try {
        response = await fetch(`${to.origin}${path}`, {
          method: options.method ?? (body === undefined ? 'GET' : 'POST'),
          headers: {
            accept: 'application/json',
            ...(type ? { 'content-type': type } : {}),
            ...options.headers,
            authorization: `Bearer ${token}`,
          },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        const failed = new AppError(
          503,
          'call.unavailable',
          `${service} could not be reached.`,
          { service },
          {
            'Retry-After': '5',
          },
        );
        failed.cause = error;
        throw failed;
      }
      // A token revoked or outlived by a key rotation: get a new one, once.
      if (response.status === 401 && attempt === 1) {
        tokens.delete(key);
        await response.body?.cancel();
        continue;
      }
      return response;
    }
  }

  /**
   * The user's own hub access token (refreshed and kept when it has expired or is about to): what the service
   * shell's bell presents to the hub's `/api/v1/me/notifications…` for them. `session.required` (401) when the
   * session holds no tokens or the hub no longer honours them.
   */
  async function userAccessToken(user: OrbitUser): Promise<string> {
    const ref = deps.sessionOf(user);
    if (!ref)
      throw new Error('userAccessToken needs the user requireUser() or optionalUser() set on this request.');
    return (await userTokens(ref)).accessToken;
  }

  return { call, target, userAccessToken };
}

export type Caller = ReturnType<typeof createCaller>;
