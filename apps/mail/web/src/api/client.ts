import { ApiError, fetchJson } from '@orbit/ui/api';

/**
 * The one place that talks HTTP to the Mail server: same-origin JSON with the session cookie, errors turned
 * into `ApiError` (the server answered) or `NetworkError` (no answer, so the outcome is unknown), both from
 * `@orbit/ui/api`.
 */

const sessionLostListeners = new Set<() => void>();

/** Called whenever the server answers `session.required`: the Mail session ended. */
export function onSessionLost(listener: () => void): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  json?: unknown;
  headers?: Record<string, string>;
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers = new Headers({ Accept: 'application/json', ...options.headers });
  let body: string | undefined;
  if (options.json !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(options.json);
  }

  try {
    return (await fetchJson(path, { method, headers, body }, 'Mail')) as T;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'session.required') {
      for (const listener of sessionLostListeners) listener();
    }
    throw error;
  }
}
