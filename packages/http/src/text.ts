import type { MiddlewareHandler } from 'hono';
import { AppError, type FieldProblem } from './errors.js';

/**
 * The one string rule every Orbit input passes: text PostgreSQL can store. `text` columns refuse the NUL
 * character (`\u0000`, SQLSTATE 22021) and UTF-8 has no encoding for an unpaired UTF-16 surrogate (`"\ud800"` in
 * JSON), so both are refused where input is read (JSON bodies, query strings, paths, forms) with a 400, instead
 * of failing inside a query with a 500.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the NUL character is exactly what this rule refuses.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const INVALID_TEXT_MESSAGE = 'Text may not contain NUL characters or unpaired surrogates.';

export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

/**
 * The path (`items.2.name`) of the first string in `value` — object keys included — that breaks the string rule,
 * or undefined when there is none. Iterative, so a deeply nested body can't exhaust the stack.
 */
export function invalidTextIn(value: unknown): string | undefined {
  // Each entry keeps its parent link, not a copied path, so a 100,000-deep array costs linear time.
  const pending: Step[] = [{ item: value, segment: '', parent: undefined }];
  for (let step = pending.pop(); step; step = pending.pop()) {
    const { item } = step;
    if (typeof item === 'string') {
      if (!isStorableText(item)) return pathOf(step);
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--)
        pending.push({ item: item[i], segment: String(i), parent: step });
    } else if (item !== null && typeof item === 'object') {
      const entries = Object.entries(item);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] as [string, unknown];
        const next = { item: child, segment: JSON.stringify(key).slice(1, -1), parent: step };
        if (!isStorableText(key)) return pathOf(next);
        pending.push(next);
      }
    }
  }
  return undefined;
}

interface Step {
  item: unknown;
  segment: string;
  parent: Step | undefined;
}

function pathOf(step: Step): string {
  const segments: string[] = [];
  for (let s: Step | undefined = step; s?.parent; s = s.parent) segments.push(s.segment);
  return segments.reverse().join('.') || '(body)';
}

/** The 400 for text that breaks the rule, naming where it was (`name`, `query.q`, `path`). */
export function invalidText(paths: string[]): AppError {
  const details: FieldProblem[] = paths.map((path) => ({ path, message: INVALID_TEXT_MESSAGE }));
  return new AppError(400, 'request.invalid_text', INVALID_TEXT_MESSAGE, details);
}

/** Throws `request.invalid_text` when any string in `value` breaks the rule. */
export function assertStorableText(value: unknown, prefix?: string): void {
  const path = invalidTextIn(value);
  if (path !== undefined) throw invalidText([prefix ? `${prefix}.${path}` : path]);
}

/**
 * Refuses a request whose path carries a NUL (`/api/things/%00`) before any route reads it as a parameter. (UTF-8
 * has no encoding for a lone surrogate, so an undecodable escape stays as written and is harmless.)
 */
export function refuseInvalidPathText(): MiddlewareHandler {
  return async function refuseInvalidPathText(c, next) {
    const path = c.req.path;
    if (path.includes('\u0000') || /%00/i.test(path)) throw invalidText(['(path)']);
    await next();
  };
}
