import { describe, expect, it } from 'vitest';
import { escapeHtml, highlight, matchRanges, snippet, toHtml } from './highlight.js';

const marked = (text: string, q: string) => toHtml(highlight(text, q));

describe('highlighting', () => {
  it('marks a Chinese substring inside a longer run', () => {
    expect(marked('这是中文内容测试', '中文')).toBe('这是<mark>中文</mark>内容测试');
    expect(marked('这是中文内容测试', '中文内容')).toBe('这是<mark>中文内容</mark>测试');
    expect(marked('这是中文内容测试', '试')).toBe('这是中文内容测<mark>试</mark>');
    expect(marked('这是中文内容测试', '文')).toBe('这是中<mark>文</mark>内容测试');
    expect(marked('这是中文内容测试', '文测')).toBe('这是中文内容测试');
  });

  it('marks Japanese and Korean, and full-width text by its normal form', () => {
    expect(marked('東京都に行きます', '京都')).toBe('東<mark>京都</mark>に行きます');
    expect(marked('한국어 검색 엔진', '검색')).toBe('한국어 <mark>검색</mark> 엔진');
    expect(marked('ＡＢＣ１２３ price', 'abc123')).toBe('<mark>ＡＢＣ１２３</mark> price');
  });

  it('marks whole words found by their start, folded case and accents', () => {
    expect(marked('Your INVOICE, café', 'inv')).toBe('Your <mark>INVOICE</mark>, café');
    expect(marked('Your INVOICE, Café', 'cafe')).toBe('Your INVOICE, <mark>Café</mark>');
  });

  it('marks phrases and addresses only where their parts are in a row', () => {
    expect(marked('attached invoice; invoice attached', '"attached invoice"')).toBe(
      '<mark>attached invoice</mark>; invoice attached',
    );
    expect(marked('write to alice@example.com', 'alice@example.com')).toBe(
      'write to <mark>alice@example.com</mark>',
    );
  });

  it('never marks left-out words, and marks nothing for an empty query', () => {
    expect(marked('good and bad', 'good -bad')).toBe('<mark>good</mark> and bad');
    expect(highlight('text', '')).toEqual([{ text: 'text', match: false }]);
    expect(matchRanges('', 'x')).toEqual([]);
  });

  it('escapes everything it outputs as HTML', () => {
    expect(marked('<img src=x onerror=alert(1)> "x" & \'y\'', 'img')).toBe(
      '&lt;<mark>img</mark> src=x onerror=alert(1)&gt; &quot;x&quot; &amp; &#39;y&#39;',
    );
    expect(marked('<b>中文</b>', '中文')).toBe('&lt;b&gt;<mark>中文</mark>&lt;/b&gt;');
    expect(escapeHtml('<&>')).toBe('&lt;&amp;&gt;');
  });

  it('cuts a snippet around the first match, with ellipses', () => {
    const text = `${'前言'.repeat(200)}\n\n这是中文内容测试。\n${'后记'.repeat(200)}`;
    const parts = snippet(text, '内容', { length: 40 });
    const html = toHtml(parts);
    expect(html.startsWith('…')).toBe(true);
    expect(html.endsWith('…')).toBe(true);
    expect(html).toContain('这是中文<mark>内容</mark>测试');
    expect(parts.map((p) => p.text).join('').length).toBeLessThanOrEqual(42);
  });

  it('snippets the start when nothing matches, and never splits a surrogate pair', () => {
    expect(toHtml(snippet('short  text\nhere', 'zzz'))).toBe('short text here');
    const emoji = '😀'.repeat(50);
    for (const part of snippet(`${emoji} hit ${emoji}`, 'hit', { length: 21 })) {
      expect(part.text).not.toMatch(
        /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u,
      );
    }
  });
});
