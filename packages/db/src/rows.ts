/**
 * `db.execute()` answers differently per driver: postgres-js gives an array of rows, PGlite an object
 * with `rows`. Raw SQL is rare in Orbit (the query builder is the norm); where it is needed, this reads both.
 */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  if (result && typeof result === 'object' && Array.isArray((result as { rows?: unknown }).rows)) {
    return (result as { rows: T[] }).rows;
  }
  return [];
}
