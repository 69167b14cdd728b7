import { type TokenKind, tokenize } from './tokenize.js';

/** One term of a query, at its distance from the first term of its sequence. */
export interface QueryTerm {
  term: string;
  kind: TokenKind;
  offset: number;
  /** Matches any term starting with `term`. */
  prefix: boolean;
}

/** Terms that must appear in this order, at these distances: a word, a CJK run, an address, a phrase. */
export type Sequence = QueryTerm[];

export interface QueryItem {
  sequence: Sequence;
  /** `-word`: the item must not appear. */
  negated: boolean;
}

/** What a user typed, understood: every clause must hold; a clause holds when any of its items does. */
export interface ParsedQuery {
  clauses: QueryItem[][];
}

/** Terms a query keeps; the rest is ignored, so a pasted essay makes a bounded tsquery. */
export const MAX_QUERY_TERMS = 64;

type Entry = { kind: 'item'; text: string; quoted: boolean; negated: boolean } | { kind: 'or' };

/** Splits web-search syntax: `"a phrase"`, `-left out`, `this or that`, and plain words. */
function lex(q: string): Entry[] {
  const entries: Entry[] = [];
  let i = 0;
  while (i < q.length) {
    const ch = q[i]!;
    if (/\s/u.test(ch)) {
      i++;
      continue;
    }
    let negated = false;
    if (ch === '-' && i + 1 < q.length && !/\s/u.test(q[i + 1]!)) {
      negated = true;
      i++;
    }
    if (q[i] === '"') {
      const close = q.indexOf('"', i + 1);
      const end = close === -1 ? q.length : close;
      entries.push({ kind: 'item', text: q.slice(i + 1, end), quoted: true, negated });
      i = end + 1;
      continue;
    }
    let end = i;
    while (end < q.length && !/\s/u.test(q[end]!) && q[end] !== '"') end++;
    const text = q.slice(i, end);
    i = end;
    if (!negated && text.toLowerCase() === 'or') entries.push({ kind: 'or' });
    else entries.push({ kind: 'item', text, quoted: false, negated });
  }
  // `or` is an operator only between two items; anywhere else it is the word.
  return entries.map((e, k) =>
    e.kind === 'or' && (entries[k - 1]?.kind !== 'item' || entries[k + 1]?.kind !== 'item')
      ? { kind: 'item', text: 'or', quoted: false, negated: false }
      : e,
  );
}

function sequenceOf(text: string): Sequence {
  const tokens = tokenize(text);
  const first = tokens[0]?.position ?? 0;
  return (
    tokens
      // A run's closing character is already inside the bigram before it.
      .filter((t) => !t.tail)
      .map((t) => ({
        term: t.term,
        kind: t.kind,
        offset: t.position - first,
        // A lone CJK character may be the first half of any bigram.
        prefix: t.kind === 'cjk' && Array.from(t.term).length === 1,
      }))
  );
}

/**
 * Parses a search box's text. Plain words must all appear, in any order; the last one may also be the start
 * of a longer word (`inv` finds `invoice`), so results follow the typing. `"quoted words"` must appear in a
 * row, `-word` must not appear, and `a or b` wants either. A word holding punctuation (`alice@example.com`,
 * `3.14`) and a CJK run (`中文内容`) ask for their parts in a row. Nothing searchable → no clauses.
 */
export function parseQuery(q: string): ParsedQuery {
  const clauses: QueryItem[][] = [];
  let joinNext = false;
  let lastPlain: QueryItem | undefined;
  let budget = MAX_QUERY_TERMS;
  for (const entry of lex(q)) {
    if (entry.kind === 'or') {
      joinNext = clauses.length > 0;
      continue;
    }
    const sequence = sequenceOf(entry.text).slice(0, budget);
    if (sequence.length === 0) continue;
    budget -= sequence.length;
    const item = { sequence, negated: entry.negated };
    lastPlain = entry.quoted || entry.negated ? undefined : item;
    if (joinNext) clauses.at(-1)!.push(item);
    else clauses.push([item]);
    joinNext = false;
  }
  const last = lastPlain?.sequence.at(-1);
  if (last?.kind === 'word') last.prefix = true;
  return { clauses };
}

/** A term as tsquery syntax: always quoted, so no character of it is ever an operator. */
function lexeme(term: string, prefix: boolean): string {
  return `'${term.replaceAll('\\', '\\\\').replaceAll("'", "''")}'${prefix ? ':*' : ''}`;
}

function sequenceQuery(sequence: Sequence): string {
  let out = '';
  let previous = 0;
  sequence.forEach((t, i) => {
    if (i > 0) {
      const distance = t.offset - previous;
      out += distance === 1 ? ' <-> ' : ` <${distance}> `;
    }
    out += lexeme(t.term, t.prefix);
    previous = t.offset;
  });
  return sequence.length > 1 ? `(${out})` : out;
}

/**
 * The `tsquery` text for what a user typed (the input syntax of the type, read with `::tsquery`, which
 * parses nothing further), or undefined when nothing in it is searchable. Every term is quoted and escaped,
 * so user text never reaches tsquery syntax; pass the result as a bound parameter.
 *
 * @example
 * toTsquery('中文 inv'); // "'中文' & 'inv':*"
 */
export function toTsquery(q: string | ParsedQuery): string | undefined {
  const { clauses } = typeof q === 'string' ? parseQuery(q) : q;
  if (clauses.length === 0) return undefined;
  return clauses
    .map((items) => {
      const parts = items.map((item) => `${item.negated ? '!' : ''}${sequenceQuery(item.sequence)}`);
      return parts.length > 1 ? `(${parts.join(' | ')})` : parts[0]!;
    })
    .join(' & ');
}
