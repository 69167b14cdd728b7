import { type Client, createClient } from '@orbit/contracts';
import { ApiError, fetchJson } from '@orbit/ui/api';
import { isPasskeyRequired, retryAfterStepUp, type StepUpHandler, sharedStepUp } from './step-up';

/**
 * The one place that talks HTTP to the hub: same-origin JSON with cookies, the CSRF token on every write, and
 * errors turned into `ApiError`. The CSRF token lives only in memory; it comes back from `GET /api/session`.
 * A sensitive action refused with `step_up_required` is confirmed with a passkey and sent again (see
 * `onStepUpRequired`), so callers see only its final outcome.
 */

let csrfToken: string | null = null;
const sessionLostListeners = new Set<() => void>();
const passkeyRequiredListeners = new Set<() => void>();
let stepUpHandler: StepUpHandler | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called whenever the hub answers `session.required`: the session expired or was revoked elsewhere. */
export function onSessionLost(listener: () => void): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

/**
 * Called whenever the hub refuses a staff write with `admin.passkey_required` (the account has no passkey yet):
 * the app points the reader to adding one. The request still fails, so its caller shows its own message too.
 */
export function onPasskeyRequired(listener: () => void): () => void {
  passkeyRequiredListeners.add(listener);
  return () => passkeyRequiredListeners.delete(listener);
}

/**
 * Registers the one step-up handler (the step-up dialog, mounted once): called when the hub answers
 * `step_up_required`; the request is sent again once it resolves true. Returns the unregistering function.
 */
export function onStepUpRequired(handler: StepUpHandler): () => void {
  const shared = sharedStepUp(handler);
  stepUpHandler = shared;
  return () => {
    if (stepUpHandler === shared) stepUpHandler = null;
  };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is, with its own type (an avatar image). */
  blob?: Blob;
  /** Sent as is, already encoded; its `Content-Type` is in `headers` (the typed client's bodies). */
  encoded?: string;
  /** Extra headers, e.g. a purchase's `Idempotency-Key`; kept the same when the request is sent again. */
  headers?: Record<string, string>;
}

export function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  return retryAfterStepUp(() => sendWithFreshToken<T>(method, path, options), stepUpHandler);
}

async function sendWithFreshToken<T>(method: Method, path: string, options: RequestOptions): Promise<T> {
  try {
    return await send<T>(method, path, options);
  } catch (error) {
    // The token can go stale (signed in again in another tab): fetch the current one and retry once.
    if (error instanceof ApiError && error.code === 'csrf.token_invalid' && (await refreshCsrfToken())) {
      return send<T>(method, path, options);
    }
    throw error;
  }
}

async function send<T>(
  method: Method,
  path: string,
  { json, blob, encoded, headers: extra }: RequestOptions,
): Promise<T> {
  const headers = new Headers({ ...extra, Accept: 'application/json' });
  let body: BodyInit | undefined;
  if (json !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(json);
  } else if (blob) {
    headers.set('Content-Type', blob.type || 'application/octet-stream');
    body = blob;
  } else if (encoded !== undefined) {
    body = encoded;
  }
  if (method !== 'GET' && csrfToken) headers.set('X-CSRF-Token', csrfToken);

  try {
    return (await fetchJson(path, { method, headers, body }, 'the hub')) as T;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'session.required') {
      csrfToken = null;
      for (const listener of sessionLostListeners) listener();
    }
    if (isPasskeyRequired(error)) for (const listener of passkeyRequiredListeners) listener();
    throw error;
  }
}

async function refreshCsrfToken(): Promise<boolean> {
  try {
    const { csrfToken: fresh } = await send<{ csrfToken: string }>('GET', '/api/session', {});
    csrfToken = fresh;
    return true;
  } catch {
    return false;
  }
}

/**
 * The typed client of the hub's declared endpoints (`@orbit/contracts`): each call's params, query, body and answer
 * are typed by the endpoint's declaration, and it is sent through `request` — so the CSRF token, the step-up
 * retry and session loss work as for every other call.
 *
 * @example
 * const { subscriptions } = await hub.call(membershipApi.mine);
 */
export const hub: Client = hubWith();

/** The typed client, with extra headers on each request (a purchase's `Idempotency-Key`), kept on a retry. */
export function hubWith(headers?: Record<string, string>): Client {
  return createClient({
    headers: () => headers,
    send: (url, init) =>
      request(init.method as Method, url, {
        headers: Object.fromEntries(new Headers(init.headers).entries()),
        ...(typeof init.body === 'string' ? { encoded: init.body } : {}),
      }),
  });
}
