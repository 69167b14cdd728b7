import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from './errors.js';

/**
 * The one `onError` of an Orbit server: an `AppError` becomes `{ error: { code, message, details } }` with its
 * status; Hono's own 4xx exceptions become `request.rejected`; the database being out of reach (restarting, a
 * dropped connection) is a 503 `service.unavailable` with `Retry-After`, heard by `unavailable` (default: `report`);
 * anything else is logged through `report` and answered with a 500 that shows no stack trace.
 *
 * @example
 * app.onError(errorHandler((error, c) => c.get('log').error({ err: error }, 'unhandled error')));
 */
export function errorHandler(
  report: (error: Error, c: Context) => void,
  unavailable: (error: Error, c: Context) => void = report,
): ErrorHandler {
  return (error, c) => {
    if (error instanceof AppError) return c.json(error.toBody(), error.status, error.headers);
    if (error instanceof HTTPException && error.status < 500) {
      return c.json(
        { error: { code: 'request.rejected', message: error.message || 'Bad request.' } },
        error.status,
      );
    }
    if (isInvalidValueForDatabase(error)) {
      return c.json(
        {
          error: {
            code: 'request.invalid_value',
            message: 'A value in the request could not be stored as given.',
          },
        },
        400,
      );
    }
    if (isDatabaseUnavailable(error)) {
      unavailable(error, c);
      return unavailableResponse();
    }
    report(error, c);
    return c.json({ error: { code: 'internal', message: 'Something went wrong on our side.' } }, 500);
  };
}

/**
 * The `postgres` driver's codes for a connection that is gone or can't be made, and the Node socket errors under
 * them (the server restarting, crashed or out of reach).
 */
const UNAVAILABLE_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
]);

/**
 * PostgreSQL's own: class 08 (connection exception), 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot
 * connect now (starting up or shutting down).
 */
const UNAVAILABLE_SQLSTATE = /^(08\w{3}|57P0[123])$/;

/**
 * Whether a failure is the database being unreachable rather than a fault in the request or the code: the
 * driver's connection errors and the server's shutdown and start-up refusals. Drizzle wraps them (`cause`).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, syscall } = e as { code?: unknown; syscall?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code)))
      return true;
    // A Unix socket whose server is down is a missing file, to `connect` only.
    if (code === 'ENOENT' && syscall === 'connect') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * PostgreSQL's "data exception" errors about a value the client sent (SQLSTATE class 22): text it can't store
 * (22021 a NUL, 22P05 untranslatable), a value of the wrong form (22P02, e.g. a malformed UUID; 22007/22008
 * dates), too long (22001) or out of range (22003). Input checks refuse these first; this is the backstop, so a
 * check that was missed still answers 400, not 500. Drivers and Drizzle wrap the error: the cause chain is read.
 */
const INVALID_VALUE_SQLSTATES = new Set(['22021', '22P05', '22P02', '22001', '22003', '22007', '22008']);

function isInvalidValueForDatabase(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && INVALID_VALUE_SQLSTATES.has(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** The one 404 of an Orbit server, in the error shape. */
export const notFoundHandler: NotFoundHandler = (c) =>
  c.json({ error: { code: 'route.not_found', message: 'Not found.' } }, 404);

/**
 * 503 `service.unavailable` with `Retry-After: 1`, in the one error shape: what a process answers while it can't
 * serve for a moment (its database reconnecting, the process still starting).
 */
export function unavailableResponse(
  message = 'The service is briefly unavailable. Try again in a moment.',
): Response {
  return Response.json(
    { error: { code: 'service.unavailable', message } },
    { status: 503, headers: { 'Retry-After': '1' } },
  );
}
