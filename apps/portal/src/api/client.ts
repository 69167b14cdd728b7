import { ApiError, NetworkError, toApiError } from './errors';

/**
 * The one place that talks HTTP to the hub: same-origin JSON with cookies, the CSRF token on every write, and
 * errors turned into `ApiError`. The CSRF token lives only in memory; it comes back from `GET /api/session`.
 */

let csrfToken: string | null = null;
const sessionLostListeners = new Set<() => void>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called whenever the hub answers `session.required`: the session expired or was revoked elsewhere. */
export function onSessionLost(listener: () => void): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is, with its own type (an avatar image). */
  blob?: Blob;
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
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

async function send<T>(method: Method, path: string, { json, blob }: RequestOptions): Promise<T> {
  const headers = new Headers({ Accept: 'application/json' });
  let body: BodyInit | undefined;
  if (json !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(json);
  } else if (blob) {
    headers.set('Content-Type', blob.type || 'application/octet-stream');
    body = blob;
  }
  if (method !== 'GET' && csrfToken) headers.set('X-CSRF-Token', csrfToken);

  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  } catch (cause) {
    throw new NetworkError('The hub could not be reached.', { cause });
  }

  const parsed = await readBody(response);
  if (!response.ok) {
    const error = toApiError(response.status, parsed, response.headers.get('Retry-After'));
    if (error.code === 'session.required') {
      csrfToken = null;
      for (const listener of sessionLostListeners) listener();
    }
    throw error;
  }
  return parsed as T;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
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
