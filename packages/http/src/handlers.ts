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
    report(error, c);
    return c.json({ error: { code: 'internal', message: 'Something went wrong on our side.' } }, 500);
  };
}

/** The one 404 of an Orbit server, in the error shape. */
export const notFoundHandler: NotFoundHandler = (c) =>
  c.json({ error: { code: 'route.not_found', message: 'Not found.' } }, 404);
