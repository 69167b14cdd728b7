import { tokenize } from './tokenize.js';

/** Postgres's weights, most important first; `D` is the default. */
export type Weight = 'A' | 'B' | 'C' | 'D';

/** One searchable part of a record: a text, or several (each file name of a mail), with its weight. */
export interface SearchField {
  text: string | readonly string[];
  weight?: Weight;
}

/** The last position a tsvector stores; later words are kept there, as `to_tsvector` does. */
const MAX_POSITION = 16_383;
/** A tsvector keeps at most 255 positions of one lexeme. */
const MAX_POSITIONS_PER_TERM = 255;
/** A tsvector holds at most 1 MB; stop taking new terms well before, whatever the input. */
const MAX_BYTES = 900_000;

const utf8 = new TextEncoder();

/**
 * The `tsvector` text (its input syntax, read with `::tsvector` or into a `tsvector` column) of a record's
 * fields: every token with its positions and weight. Positions run on across fields with a gap between
 * fields and between the texts of one field, so a phrase never spans two of them. Very long input is cut
 * where a tsvector would overflow: the first ~16 000 tokens keep their positions (phrase queries work
 * there), later ones share the last position (their terms are still found), and terms beyond 900 KB are
 * dropped.
 *
 * @example
 * await db.insert(notes).values({ title, body, search: toTsvector([{ text: title, weight: 'A' }, { text: body }]) });
 */
export function toTsvector(fields: readonly SearchField[]): string {
  const entries = new Map<string, { stamps: string[]; last: number }>();
  let bytes = 0;
  let next = 1;
  for (const field of fields) {
    const weight = field.weight && field.weight !== 'D' ? field.weight : '';
    const texts: readonly string[] = typeof field.text === 'string' ? [field.text] : field.text;
    for (const text of texts) {
      const tokens = tokenize(text);
      for (const token of tokens) {
        const position = Math.min(MAX_POSITION, next + token.position);
        let entry = entries.get(token.term);
        if (!entry) {
          const size = 6 + utf8.encode(token.term).length;
          if (bytes + size > MAX_BYTES) continue;
          bytes += size;
          entry = { stamps: [], last: 0 };
          entries.set(token.term, entry);
        }
        // Positions only grow, so a repeat can only be the shared last one.
        if (entry.stamps.length >= MAX_POSITIONS_PER_TERM || entry.last === position) continue;
        entry.stamps.push(`${position}${weight}`);
        entry.last = position;
        bytes += 2;
      }
      // One position left empty: the next text does not continue this one's phrases.
      next += tokens.length + 1;
    }
  }
  return Array.from(entries, ([term, entry]) => `${quote(term)}:${entry.stamps.join(',')}`).join(' ');
}

/** A lexeme in tsvector syntax: quoted, with quotes and backslashes doubled. */
function quote(term: string): string {
  return `'${term.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}
