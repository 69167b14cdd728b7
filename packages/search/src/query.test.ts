import { describe, expect, it } from 'vitest';
import { MAX_QUERY_TERMS, parseQuery, toTsquery } from './query.js';

describe('toTsquery', () => {
  it('asks for every word, the last one also as the start of a longer word', () => {
    expect(toTsquery('Quarterly INV')).toBe("'quarterly' & 'inv':*");
  });

  it('asks for a CJK run as a chain of adjacent bigrams, a single character as a prefix', () => {
    expect(toTsquery('中文')).toBe("'中文'");
    expect(toTsquery('中文内容')).toBe("('中文' <-> '文内' <-> '内容')");
    expect(toTsquery('中')).toBe("'中':*");
    expect(toTsquery('東京 한국어')).toBe("'東京' & ('한국' <-> '국어')");
  });

  it('keeps the distances between the parts of a word with punctuation or mixed scripts', () => {
    expect(toTsquery('alice@example.com')).toBe("('alice' <-> 'example' <-> 'com':*)");
    expect(toTsquery('中文abc')).toBe("('中文' <2> 'abc':*)");
  });

  it('understands phrases, or, and left-out words', () => {
    expect(toTsquery('"attached invoice" friday')).toBe("('attached' <-> 'invoice') & 'friday':*");
    expect(toTsquery('lisbon or strawberries hat')).toBe("('lisbon' | 'strawberries') & 'hat':*");
    expect(toTsquery('strawberries -hat')).toBe("'strawberries' & !'hat'");
    expect(toTsquery('-"bad news" good')).toBe("!('bad' <-> 'news') & 'good':*");
    expect(toTsquery('"unclosed phrase')).toBe("('unclosed' <-> 'phrase')");
  });

  it('takes `or` as a word where it joins nothing', () => {
    expect(toTsquery('or')).toBe("'or':*");
    expect(toTsquery('or gold')).toBe("'or' & 'gold':*");
    expect(toTsquery('a or or b')).toBe("'a' & 'or' & 'or' & 'b':*");
  });

  it('never lets tsquery syntax through', () => {
    for (const q of ["invoice' & !", 'inv:*', '(invoice', 'a | b', "'", '<->', '\\', "x') | ('y", '!!!']) {
      const query = toTsquery(q);
      if (query === undefined) continue;
      // Every operand is a quoted term; what is left between them is only operators this module wrote.
      const outside = query.replace(/'(?:[^']|'')*'(?::\*)?/gu, 'T');
      expect(outside).toMatch(/^[T&|!()<>\-\d ]*$/u);
    }
    expect(toTsquery("o'brien")).toBe("('o' <-> 'brien':*)");
  });

  it('keeps a bounded number of terms, however long the query', () => {
    const long = toTsquery(`"${'中文'.repeat(5000)}" ${'word '.repeat(5000)}`)!;
    expect(long.match(/'/gu)!.length / 2).toBe(MAX_QUERY_TERMS);
  });

  it('gives nothing for an empty or unsearchable query', () => {
    expect(toTsquery('')).toBeUndefined();
    expect(toTsquery('   ')).toBeUndefined();
    expect(toTsquery('!!! 🎉 "" -')).toBeUndefined();
    expect(parseQuery('"" or').clauses).toEqual([
      [{ sequence: [{ term: 'or', kind: 'word', offset: 0, prefix: true }], negated: false }],
    ]);
  });
});
