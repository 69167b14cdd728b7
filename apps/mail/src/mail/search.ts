import { type SQL, sql } from 'drizzle-orm';
import { type Address, messages } from '../db/schema.js';

/** Words as Postgres's default text-search parser splits them: runs of letters and digits. */
const WORD = /[\p{L}\p{N}]+/gu;

/** Quotes, a leading `-` or an `or` between words: the user wrote a web-search query, so take it as such. */
const SEARCH_SYNTAX = /["]|(^|\s)-\S|\sor\s/i;

/**
 * The tsquery for what a user typed. Plain words must all appear, the last one also as the start of a longer
 * word (`inv` finds `invoice`), so results follow the typing. Queries using web-search syntax (quotes, `-word`,
 * `or`) go to `websearch_to_tsquery` unchanged. The prefix query is built only from letters and digits, each
 * quoted, so no user text reaches tsquery syntax. Undefined when there is nothing to search for.
 */
export function searchQuery(q: string): SQL | undefined {
  const words = q.match(WORD) ?? [];
  if (words.length === 0) return undefined;
  if (SEARCH_SYNTAX.test(q)) return sql`websearch_to_tsquery('simple', ${q})`;
  const terms = words.map((word, i) => `'${word}'${i === words.length - 1 ? ':*' : ''}`);
  return sql`to_tsquery('simple', ${terms.join(' & ')})`;
}

/** The condition a message matches `q` on, or undefined when `q` holds no words. */
export function matches(q: string): SQL | undefined {
  const query = searchQuery(q);
  return query && sql`${messages.search} @@ ${query}`;
}

/** The names, handles and account numbers a message is found by; drafts add their recipients as typed. */
export function participantsOf(addresses: Address[], typed: string[] = []): string {
  return [...addresses.flatMap((a) => [a.displayName, a.handle, a.accountNumber]), ...typed].join(' ');
}
