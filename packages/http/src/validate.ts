import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError, type FieldProblem, invalidRequest } from './errors.js';
import { assertStorableText } from './text.js';

export function zodProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message }));
}

/**
 * Reads a JSON body and validates it. Wrong content type → 415, unparsable JSON → 400 `request.invalid_json`, a
 * string the database can't store (NUL, lone surrogate) → 400 `request.invalid_text`, schema mismatch → 400
 * `request.invalid` listing each field.
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new AppError(415, 'request.unsupported_media_type', 'Send the body as application/json.');
  }
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    throw new AppError(400, 'request.invalid_json', 'The body is not valid JSON.');
  }
  assertStorableText(body);
  const result = schema.safeParse(body);
  if (!result.success) throw invalidRequest(zodProblems(result.error));
  return result.data;
}

/**
 * Validates the query string; text the database can't store is a 400 `request.invalid_text`, a mismatch a 400
 * `request.invalid` listing each parameter.
 */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  assertStorableText(c.req.queries(), 'query');
  const result = schema.safeParse(c.req.query());
  if (!result.success) throw invalidRequest(zodProblems(result.error));
  return result.data;
}
