import { HUB_KERNEL_ERROR_CODES } from '@orbit/contracts';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../http/errors.js';

/** One entry of a module's error catalogue: its stable code, status and English developer message. */
export interface CatalogueEntry<Code extends string> {
  code: Code;
  status: ContentfulStatusCode;
  message: string;
  /** The error to throw; a message or details of this occasion may replace or add to the entry's. */
  error(details?: unknown, message?: string): AppError;
}

/**
 * A module's error catalogue (apps/identity/src/<module>/errors.ts): for every code the module answers with
 * (the constants in @orbit/contracts, which the portal checks for English and Chinese text), its status and
 * English developer message. A code without an entry fails to compile.
 */
export function errorCatalogue<const Codes extends Record<string, string>>(
  codes: Codes,
  entries: { [K in keyof Codes]: readonly [ContentfulStatusCode, string] },
): { [K in keyof Codes]: CatalogueEntry<Codes[K]> } {
  return Object.fromEntries(
    Object.entries(codes).map(([key, code]) => {
      const [status, message] = entries[key as keyof Codes];
      const entry = {
        code,
        status,
        message,
        error: (details?: unknown, occasion?: string) =>
          new AppError(status, code, occasion ?? message, details),
      };
      return [key, entry];
    }),
  ) as { [K in keyof Codes]: CatalogueEntry<Codes[K]> };
}

/** The codes every module's routes may answer with through the shared guards and request parsing. */
export const HUB_KERNEL_ERRORS = errorCatalogue(HUB_KERNEL_ERROR_CODES, {
  authForbidden: [403, 'You may not do this.'],
  csrfCrossOrigin: [403, 'A write must come from the hub’s own pages.'],
  csrfTokenInvalid: [403, 'The request lacks a valid X-CSRF-Token header.'],
  requestInvalid: [400, 'The request is not valid.'],
  requestInvalidJson: [400, 'The body is not valid JSON.'],
  requestInvalidText: [400, 'The request holds text that is not allowed.'],
  requestTooLarge: [413, 'The request body is larger than 1 MiB.'],
  requestUnsupportedMediaType: [415, 'The body must be JSON.'],
  routeNotFound: [404, 'No such API route.'],
  // Answered by the shared error handler (@orbit/http) while the database is out of reach.
  serviceUnavailable: [503, 'The service is briefly unavailable. Try again in a moment.'],
  sessionRequired: [401, 'Sign in to continue.'],
});
