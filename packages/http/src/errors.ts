import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/**
 * The one error type of every Orbit API: a stable dotted `code` clients branch on (`auth.invalid_credentials`),
 * a status, a human message, and optional details. `onError` turns it into `{ error: { code, message, details } }`.
 */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

export interface FieldProblem {
  path: string;
  message: string;
}

export const invalidRequest = (details: FieldProblem[], message = 'The request is not valid.') =>
  new AppError(400, 'request.invalid', message, details);

export const sessionRequired = () => new AppError(401, 'session.required', 'Sign in to continue.');
