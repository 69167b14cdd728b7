import { type Column, type SQL, sql } from 'drizzle-orm';
import { customType, type IndexBuilderOn, index } from 'drizzle-orm/pg-core';
import { type ParsedQuery, toTsquery } from './query.js';

/**
 * A `tsvector` column the application fills with `toTsvector(...)` on every write (not a generated column:
 * the tokens come from `tokenize`, which the database cannot run). Never selected back by the helpers.
 *
 * @example
 * search: searchVector('search'), // in the table; nullable until a backfill has filled old rows
 */
export const searchVector = customType<{ data: string; driverData: string }>({
  dataType: () => 'tsvector',
});

/** The GIN index a search column needs, e.g. `searchIndex('notes_search_idx', t.search)` in the table's extras. */
export function searchIndex(name: string, column: Parameters<IndexBuilderOn['using']>[1]) {
  return index(name).using('gin', column);
}

/**
 * The condition "the record matches what the user typed", for a `where`, or undefined when the query holds
 * nothing searchable (so `and(...)` drops it). The tsquery is a bound parameter read with `::tsquery`.
 *
 * @example
 * db.select().from(notes).where(and(eq(notes.ownerSub, sub), searchMatches(notes.search, q)));
 */
export function searchMatches(column: Column | SQL, query: string | ParsedQuery): SQL | undefined {
  const tsquery = toTsquery(query);
  return tsquery === undefined ? undefined : sql`${column} @@ ${tsquery}::tsquery`;
}

/**
 * How well a record matches (`ts_rank`: weights A > B > C > D, more occurrences rank higher), for an
 * `orderBy(desc(...))`; 0 when the query holds nothing searchable.
 */
export function searchRank(column: Column | SQL, query: string | ParsedQuery): SQL<number> {
  const tsquery = toTsquery(query);
  return tsquery === undefined
    ? sql<number>`0`
    : sql<number>`ts_rank(${column}, ${tsquery}::tsquery)`.mapWith(Number);
}
