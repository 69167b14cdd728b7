/**
 * The one error shape every Orbit server answers with (`@orbit/http`): `{ error: { code, message, details? } }`
 * with a 4xx/5xx status, read into a typed `ApiError` whose stable `code` callers branch on.
 */

/** An error answer from the server: its status, its `code` (`session.required`), its message and details. */
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

/** The request got no (whole) answer: offline, server down, or aborted. It may or may not have been carried out. */
export class NetworkError extends Error {
  override name = 'NetworkError';
}

/** One field the server refused, as in the `details` of a `request.invalid` error. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** The per-field problems an error carries, if its `details` is a list of `{ path, message }`. */
export function fieldProblems(error: unknown): FieldProblem[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return error.details.filter(
    (d): d is FieldProblem =>
      typeof d === 'object' && d !== null && typeof d.path === 'string' && typeof d.message === 'string',
  );
}

/**
 * Builds an `ApiError` from a non-2xx answer, whatever its body turns out to be: a body that is not the error
 * shape gets the code `http.<status>`.
 *
 * @example
 * toApiError(429, { error: { code: 'mail.rate_limited', message: 'Slow down.' } }, '30').retryAfterSeconds; // 30
 */
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
