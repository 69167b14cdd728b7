import { describe, expect, it } from 'vitest';
import { MAX_TERM_LENGTH, terms, tokenize } from './tokenize.js';

describe('tokenize', () => {
  it('splits Latin text into lower-cased words at spaces and punctuation', () => {
    expect(terms('Hello, World! It’s 2026.')).toEqual(['hello', 'world', 'it', 's', '2026']);
  });

  it('folds diacritics and letters NFD cannot take apart', () => {
    expect(terms('Café naïve RÉSUMÉ Straße Øresund Łódź æther')).toEqual([
      'cafe',
      'naive',
      'resume',
      'strasse',
      'oresund',
      'lodz',
      'aether',
    ]);
    // Combining marks typed separately fold like precomposed letters.
    expect(terms('Cafe\u0301')).toEqual(['cafe']);
    expect(terms('Ελληνικά Привет Ёлка')).toEqual(['ελληνικα', 'привет', 'елка']);
  });

  it('keeps marks that are part of other scripts’ letters', () => {
    expect(terms('हिन्दी')).toEqual(['हिन्दी']);
  });

  it('normalises full-width and compatibility forms (NFKC)', () => {
    expect(terms('ＡＢＣ１２３ ﬁle ｶﾀｶﾅ ｶﾞｯｺｳ')).toEqual([
      'abc123',
      'file',
      'カタ',
      'タカ',
      'カナ',
      'ナ',
      'ガッ',
      'ッコ',
      'コウ',
      'ウ',
    ]);
    expect(terms('㍿')).toEqual(['株式', '式会', '会社', '社']);
  });

  it('makes overlapping bigrams of a Han run, then its last character', () => {
    expect(terms('这是中文内容测试')).toEqual(['这是', '是中', '中文', '文内', '内容', '容测', '测试', '试']);
    expect(terms('中')).toEqual(['中']);
    expect(tokenize('中文').map((t) => t.tail)).toEqual([undefined, true]);
  });

  it('bigrams Japanese across kanji and kana, and Korean Hangul', () => {
    expect(terms('東京都に行きます')).toEqual(['東京', '京都', '都に', 'に行', '行き', 'きま', 'ます', 'す']);
    expect(terms('ラーメン')).toEqual(['ラー', 'ーメ', 'メン', 'ン']);
    expect(terms('한국어 검색')).toEqual(['한국', '국어', '어', '검색', '색']);
  });

  it('separates CJK from Latin, digits and CJK punctuation', () => {
    expect(terms('用iPhone拍的2026年照片。好！')).toEqual([
      '用',
      'iphone',
      '拍的',
      '的',
      '2026',
      '年照',
      '照片',
      '片',
      '好',
    ]);
  });

  it('counts characters outside the BMP as one', () => {
    expect(terms('𠀀𠀁𠀂')).toEqual(['𠀀𠀁', '𠀁𠀂', '𠀂']);
  });

  it('skips emoji and symbols without breaking surrounding words', () => {
    expect(terms('hello👋world 👨‍👩‍👧 ★ 中👍文')).toEqual(['hello', 'world', '中', '文']);
    expect(terms('🎉🎉🎉')).toEqual([]);
  });

  it('takes e-mail addresses and numbers apart into searchable parts', () => {
    expect(terms('Mail alice.smith@example.com or call +86 138-0013-8000, pay 3.14')).toEqual([
      'mail',
      'alice',
      'smith',
      'example',
      'com',
      'or',
      'call',
      '86',
      '138',
      '0013',
      '8000',
      'pay',
      '3',
      '14',
    ]);
  });

  it('gives every token its place and its range in the original text', () => {
    const text = 'Ｈi 中文！';
    const tokens = tokenize(text);
    expect(tokens.map((t) => [t.term, t.position, text.slice(t.start, t.end)])).toEqual([
      ['hi', 0, 'Ｈi'],
      ['中文', 1, '中文'],
      ['文', 2, '文'],
    ]);
    expect(text.slice(tokens[1]!.start, tokens[1]!.headEnd)).toBe('中');
  });

  it('takes the shortcut for ASCII and the common CJK blocks only where the general rules agree', () => {
    const cjk = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]/u;
    const ranges = [
      [0x00, 0x7f],
      [0x3041, 0x3096],
      [0x30a1, 0x30fa],
      [0x4e00, 0x9fff],
      [0xac00, 0xd7a3],
    ];
    for (const [from, to] of ranges) {
      for (let code = from!; code <= to!; code++) {
        const ch = String.fromCharCode(code);
        // NFKC leaves it alone, so skipping `normalize` changes nothing.
        if (ch.normalize('NFKC') !== ch) throw new Error(`U+${code.toString(16)} changes under NFKC`);
        const expected = /[\p{L}\p{N}]/u.test(ch) ? [cjk.test(ch) ? ch : ch.toLowerCase()] : [];
        expect(terms(ch)).toEqual(expected);
      }
    }
  });

  it('returns nothing for empty or blank text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' \n\t ,.;')).toEqual([]);
  });

  it('cuts very long words and tokenizes very long input', () => {
    expect(terms('a'.repeat(5000))).toEqual(['a'.repeat(MAX_TERM_LENGTH)]);
    // 380 KB, 120,000 tokens: linear work takes milliseconds; anything quadratic in the input (~10^10 steps) runs
    // into the test's timeout instead. No clock here: a timed assertion fails on a loaded machine.
    const long = 'lorem ipsum 中文内容 '.repeat(20_000);
    const tokens = tokenize(long);
    expect(tokens).toHaveLength(20_000 * 6);
    expect(tokens.slice(0, 6).map((t) => t.term)).toEqual(['lorem', 'ipsum', '中文', '文内', '内容', '容']);
  });
});
