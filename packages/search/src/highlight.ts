import { type ParsedQuery, parseQuery, type QueryTerm } from './query.js';
import { type Token, tokenize } from './tokenize.js';

/** UTF-16 offsets into the original text, end exclusive. */
export interface Range {
  start: number;
  end: number;
}

/** A piece of text to render, marked when it matched. Render `text` as text: it is not escaped. */
export interface Segment {
  text: string;
  match: boolean;
}

function matches(token: Token | undefined, wanted: QueryTerm): boolean {
  if (!token) return false;
  return wanted.prefix ? token.term.startsWith(wanted.term) : token.term === wanted.term;
}

/**
 * Where `query` matches `text`, merged and in order: the same tokens and rules as the database's search, so
 * what is found is what is marked. Words found by their start are marked whole (`inv` marks `invoice`); a
 * one-character CJK query marks just that character. Left-out (`-word`) terms are never marked.
 */
export function matchRanges(text: string, query: string | ParsedQuery): Range[] {
  const parsed = typeof query === 'string' ? parseQuery(query) : query;
  const sequences = parsed.clauses.flatMap((items) => items.filter((i) => !i.negated).map((i) => i.sequence));
  if (sequences.length === 0 || text === '') return [];
  const tokens = tokenize(text);
  const found: Range[] = [];
  for (const sequence of sequences) {
    const first = sequence[0]!;
    const lastTerm = sequence.at(-1)!;
    tokens.forEach((token, i) => {
      if (!sequence.every((wanted) => matches(tokens[i + wanted.offset], wanted))) return;
      const last = tokens[i + lastTerm.offset]!;
      const oneCharacter = sequence.length === 1 && first.kind === 'cjk' && first.prefix;
      found.push({ start: token.start, end: oneCharacter ? token.headEnd : last.end });
    });
  }
  found.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Range[] = [];
  for (const range of found) {
    const previous = merged.at(-1);
    if (previous && range.start <= previous.end) previous.end = Math.max(previous.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

function segmentsOf(text: string, ranges: Range[], from: number, to: number): Segment[] {
  const out: Segment[] = [];
  const push = (start: number, end: number, match: boolean) => {
    if (end <= start) return;
    const piece = text.slice(start, end);
    const previous = out.at(-1);
    if (previous && previous.match === match) previous.text += piece;
    else out.push({ text: piece, match });
  };
  let at = from;
  for (const range of ranges) {
    const start = Math.max(range.start, from);
    const end = Math.min(range.end, to);
    if (end <= start) continue;
    push(at, start, false);
    push(start, end, true);
    at = end;
  }
  push(at, to, false);
  return out;
}

/**
 * The whole text in segments, matches marked.
 *
 * @example
 * highlight('这是中文内容测试', '中文'); // [{ text: '这是', match: false }, { text: '中文', match: true }, …]
 */
export function highlight(text: string, query: string | ParsedQuery): Segment[] {
  return segmentsOf(text, matchRanges(text, query), 0, text.length);
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * A short passage around the first match (or the text's start when nothing matches), whitespace folded to
 * single spaces, with `…` where it was cut, matches marked: for a list of results.
 */
export function snippet(
  text: string,
  query: string | ParsedQuery,
  options: { length?: number } = {},
): Segment[] {
  const length = Math.max(10, options.length ?? 160);
  const ranges = matchRanges(text, query);
  const first = ranges[0];
  let from = 0;
  if (first) {
    from = Math.max(0, first.start - Math.floor(length / 4));
    // Start at a word's start when one is near, rather than mid-word.
    const space = text.slice(from, first.start).search(/\s/u);
    if (from > 0 && space !== -1 && space < 20) from += space + 1;
  }
  let to = Math.min(text.length, from + length);
  if (isLowSurrogate(text.charCodeAt(from))) from--;
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to++;
  const segments = segmentsOf(text, ranges, from, to).map((s) => ({
    text: s.text.replace(/\s+/gu, ' '),
    match: s.match,
  }));
  const head = segments[0];
  if (head && !head.match) head.text = head.text.trimStart();
  const tail = segments.at(-1);
  if (tail && !tail.match) tail.text = tail.text.trimEnd();
  if (from > 0) addText(segments, '…', 'start');
  if (to < text.length) addText(segments, '…', 'end');
  return segments.filter((s) => s.text !== '');
}

function addText(segments: Segment[], text: string, where: 'start' | 'end'): void {
  const edge = where === 'start' ? segments[0] : segments.at(-1);
  if (edge && !edge.match) edge.text = where === 'start' ? text + edge.text : edge.text + text;
  else if (where === 'start') segments.unshift({ text, match: false });
  else segments.push({ text, match: false });
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (ch) => HTML_ESCAPES[ch]!);
}

/**
 * Segments as HTML: all text escaped, matches wrapped in `<mark>`, so a highlighted snippet of untrusted
 * mail is safe to put into a page. (React code should render the segments instead.)
 */
export function toHtml(segments: readonly Segment[]): string {
  return segments.map((s) => (s.match ? `<mark>${escapeHtml(s.text)}</mark>` : escapeHtml(s.text))).join('');
}
