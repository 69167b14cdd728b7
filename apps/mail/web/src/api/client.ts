/**
 * The one place that talks HTTP to the Mail server: same-origin JSON with the session cookie, errors turned
 * into `ApiError` (the server answered) or `NetworkError` (no answer, so the outcome is unknown).
 */

/** An error answer: `{ error: { code, message, details? } }` with a 4xx/5xx status. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** From `details.retryAfterSeconds` or the `Retry-After` header, when the server asks us to wait. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** The request got no answer: offline, server down, or aborted. It may or may not have been carried out. */
export class NetworkError extends Error {
  override name = 'NetworkError';
}

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

  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  } catch (cause) {
    throw new NetworkError('Mail could not be reached.', { cause });
  }

  const parsed = await readBody(response);
  if (!response.ok) {
    const error = toApiError(response.status, parsed, response.headers.get('Retry-After'));
    if (error.code === 'session.required') for (const listener of sessionLostListeners) listener();
    throw error;
  }
  return parsed as T;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    throw new NetworkError('The answer from Mail was cut off.', { cause });
  }
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Builds an `ApiError` from a non-2xx answer, whatever its body turns out to be. */
export function toApiError(status: number, body: unknown, retryAfterHeader: string | null): ApiError {
  const error = isErrorBody(body) ? body.error : undefined;
  const code = error?.code ?? `http.${status}`;
  const message = error?.message ?? `The request failed (HTTP ${status}).`;
  return new ApiError(status, code, message, error?.details, retryAfter(error?.details, retryAfterHeader));
}

function isErrorBody(body: unknown): body is { error: { code: string; message: string; details?: unknown } } {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = body.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

function retryAfter(details: unknown, header: string | null): number | undefined {
  if (typeof details === 'object' && details !== null && 'retryAfterSeconds' in details) {
    const seconds = details.retryAfterSeconds;
    if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  }
  if (header && /^\d+$/.test(header.trim())) return Number(header.trim());
  return undefined;
}
