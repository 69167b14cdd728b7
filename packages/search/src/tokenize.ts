/**
 * One tokenizer for indexing, querying and highlighting, so the three always agree.
 *
 * - Letters and digits of alphabetic scripts (Latin, Greek, Cyrillic, …) form words: NFKC-normalised,
 *   lower-cased, and for Latin, Greek and Cyrillic letters the diacritics folded (`Café` → `cafe`,
 *   `Straße` → `strasse`). Everything else (spaces, punctuation, symbols, emoji) separates words, so
 *   `alice@example.com` is the words `alice`, `example`, `com` and a query for the whole address asks for
 *   those three in a row.
 * - Han, Hiragana, Katakana, Hangul and Bopomofo have no spaces between words, so a run of them becomes
 *   overlapping bigrams (`中文内容` → `中文`, `文内`, `内容`) followed by its last character alone (`容`);
 *   a lone character is a unigram. Any substring of two or more characters is then a chain of adjacent
 *   bigrams, and any single character is either the first half of a bigram or a run's last character — so
 *   a one-character query is a prefix query on the index (`中:*`) and needs no unigram per character.
 *
 * Case folding happens here, not in the database, so PGlite (C locale) and PostgreSQL (any locale) find
 * exactly the same things.
 */

export type TokenKind = 'word' | 'cjk';

export interface Token {
  /** What the index stores and queries compare. */
  term: string;
  kind: TokenKind;
  /** The token's place in the stream (0-based); adjacent tokens differ by one. */
  position: number;
  /** UTF-16 offsets of the token in the original text, for highlighting. */
  start: number;
  end: number;
  /** Where the token's first character ends (a CJK bigram's first half), for one-character matches. */
  headEnd: number;
  /** A CJK run's closing single character, which only exists to make one-character queries complete. */
  tail?: true;
}

/** Longer words are cut (query and index alike): a tsvector lexeme holds at most 2 KB. */
export const MAX_TERM_LENGTH = 64;

const CJK = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{scx=Bopomofo}]/u;
const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;
const CJK_LETTER = /[\p{L}\p{Nl}]/u;
// Half-width katakana's voicing marks are letters, but join the kana before them like combining marks.
const MARK = /[\p{M}\uFF9E\uFF9F]/u;
const FOLDED_SCRIPT = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u;
const MARKS = /\p{M}+/gu;
/** Letters NFD does not take apart, written as their plain-Latin spelling. */
const LATIN_FOLD: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ſ: 's',
};

type CharClass = 'word' | 'cjk' | 'gap';

interface Char {
  text: string;
  cls: CharClass;
  start: number;
  end: number;
}

function classify(base: string): CharClass {
  if (CJK.test(base) && CJK_LETTER.test(base)) return 'cjk';
  if (LETTER_OR_NUMBER.test(base)) return 'word';
  return 'gap';
}

function fold(cluster: string): string {
  const lower = cluster.toLowerCase();
  const base = String.fromCodePoint(lower.codePointAt(0)!);
  if (!FOLDED_SCRIPT.test(base)) return lower;
  const plain = lower.normalize('NFD').replace(MARKS, '');
  return (LATIN_FOLD[plain] ?? plain).normalize('NFC');
}

/**
 * The class of a lone character NFKC leaves alone and folding only lower-cases: ASCII, and the common CJK
 * blocks. Most text is these, and skipping `normalize` and the Unicode regexes for them makes tokenizing
 * several times faster. Undefined: take the general path.
 */
function fastClass(code: number): CharClass | undefined {
  if (code < 0x80) {
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39)) {
      return 'word';
    }
    return 'gap';
  }
  // CJK Unified Ideographs, Hiragana and Katakana (not their voicing marks), Hangul syllables.
  if (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3041 && code <= 0x3096) ||
    (code >= 0x30a1 && code <= 0x30fa)
  ) {
    return 'cjk';
  }
  if (code >= 0xac00 && code <= 0xd7a3) return 'cjk';
  return undefined;
}

/** Splits a string into base characters each with its combining marks. */
function* clusters(text: string): Generator<[string, number]> {
  let current = '';
  let at = 0;
  let offset = 0;
  for (const ch of text) {
    // No mark is below U+0300.
    if (current && ch.charCodeAt(0) >= 0x300 && MARK.test(ch)) current += ch;
    else {
      if (current) yield [current, at];
      current = ch;
      at = offset;
    }
    offset += ch.length;
  }
  if (current) yield [current, at];
}

/** The text's characters, normalised and classified, each with the range of the original it came from. */
function chars(text: string): Char[] {
  const out: Char[] = [];
  for (const [cluster, start] of clusters(text)) {
    const end = start + cluster.length;
    const fast = cluster.length === 1 ? fastClass(cluster.charCodeAt(0)) : undefined;
    if (fast) {
      out.push({ text: fast === 'word' ? cluster.toLowerCase() : cluster, cls: fast, start, end });
      continue;
    }
    // NFKC may turn one original character into several (`㍿` → `株式会社`, `½` → `1⁄2`): each points back
    // to the whole original character.
    for (const [part] of clusters(cluster.normalize('NFKC'))) {
      const cls = classify(String.fromCodePoint(part.codePointAt(0)!));
      out.push({ text: cls === 'word' ? fold(part) : part, cls, start, end });
    }
  }
  return out;
}

function cut(term: string): string {
  if (term.length <= MAX_TERM_LENGTH) return term;
  return Array.from(term).slice(0, MAX_TERM_LENGTH).join('');
}

/**
 * The tokens of a text, in order.
 *
 * @example
 * tokenize('Café 中文内容').map((t) => t.term); // ['cafe', '中文', '文内', '内容', '容']
 */
export function tokenize(text: string): Token[] {
  const all = chars(text);
  const tokens: Token[] = [];
  let i = 0;
  while (i < all.length) {
    const cls = all[i]!.cls;
    let j = i + 1;
    while (j < all.length && all[j]!.cls === cls) j++;
    const run = all.slice(i, j);
    i = j;
    if (cls === 'word') {
      const first = run[0]!;
      const last = run.at(-1)!;
      tokens.push({
        term: cut(run.map((c) => c.text).join('')),
        kind: 'word',
        position: tokens.length,
        start: first.start,
        end: last.end,
        headEnd: first.end,
      });
    } else if (cls === 'cjk') {
      for (let k = 0; k + 1 < run.length; k++) {
        const a = run[k]!;
        const b = run[k + 1]!;
        tokens.push({
          term: a.text + b.text,
          kind: 'cjk',
          position: tokens.length,
          start: a.start,
          end: b.end,
          headEnd: a.end,
        });
      }
      const last = run.at(-1)!;
      const token: Token = {
        term: last.text,
        kind: 'cjk',
        position: tokens.length,
        start: last.start,
        end: last.end,
        headEnd: last.end,
      };
      if (run.length > 1) token.tail = true;
      tokens.push(token);
    }
  }
  return tokens;
}

/** Just the terms, e.g. to show what a text is indexed under. */
export function terms(text: string): string[] {
  return tokenize(text).map((t) => t.term);
}
