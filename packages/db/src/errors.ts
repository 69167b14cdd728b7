/**
 * The name of the unique constraint (or unique index) a failed query violated, or undefined when the error is
 * something else. Drizzle wraps driver errors (`cause`); postgres-js calls the field `constraint_name`, PGlite
 * `constraint`.
 */
export function uniqueViolation(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const candidate = e as {
      code?: unknown;
      constraint_name?: unknown;
      constraint?: unknown;
      cause?: unknown;
    };
    if (candidate.code === '23505') {
      const name = candidate.constraint_name ?? candidate.constraint;
      return typeof name === 'string' ? name : '';
    }
    e = candidate.cause;
  }
  return undefined;
}
