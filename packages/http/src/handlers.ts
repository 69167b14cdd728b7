import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from './errors.js';

/**
 * The one `onError` of an Orbit server: an `AppError` becomes `{ error: { code, message, details } }` with its
 * status; Hono's own 4xx exceptions become `request.rejected`; anything else is logged through `report` and
 * answered with a 500 that shows no stack trace.
 *
 * @example
 * app.onError(errorHandler((error, c) => c.get('log').error({ err: error }, 'unhandled error')));
 */
export function errorHandler(report: (error: Error, c: Context) => void): ErrorHandler {
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
    report(error, c);
    return c.json({ error: { code: 'internal', message: 'Something went wrong on our side.' } }, 500);
  };
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
