import { describe, expect, it } from 'vitest';
import { htmlFromText, prepareBody, sanitizeBodyHtml, snippetOf, textFromHtml } from './sanitize.js';

describe('sanitising message bodies', () => {
  it('drops an image whose error handler runs script', () => {
    expect(sanitizeBodyHtml('<img src=x onerror=alert(1)>Hello')).toBe('Hello');
  });

  it('drops javascript: links, however they are spelled, and keeps the link text', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt&colon;alert(1)', ' java\nscript:alert(1)']) {
      const html = sanitizeBodyHtml(`<a href="${href}">click</a>`);
      expect(html).not.toMatch(/href/i);
      expect(html).not.toMatch(/script/i);
      expect(html).toContain('click');
    }
  });

  it('drops data: and protocol-relative links', () => {
    expect(sanitizeBodyHtml('<a href="data:text/html,<script>alert(1)</script>">d</a>')).not.toMatch(/href/);
    expect(sanitizeBodyHtml('<a href="//evil.example/">p</a>')).not.toMatch(/href/);
  });

  it('drops svg with its onload handler, and script, style, iframe and math elements with their content', () => {
    expect(sanitizeBodyHtml('<svg onload=alert(1)><circle r="4"/></svg>after')).toBe('after');
    expect(sanitizeBodyHtml('<script>alert(1)</script>ok')).toBe('ok');
    expect(sanitizeBodyHtml('<style>body { display: none }</style><p>shown</p>')).toBe('<p>shown</p>');
    expect(sanitizeBodyHtml('<iframe src="https://evil.example/"></iframe>f')).toBe('f');
    expect(sanitizeBodyHtml('<math><mi xlink:href="javascript:alert(1)">m</mi></math>')).toBe('');
  });

  it('drops event handlers, style, class and id attributes but keeps the formatting', () => {
    const html = sanitizeBodyHtml(
      '<p style="color:red" onclick="steal()" class="x" id="y"><b>bold</b> <i>it</i> <u>u</u> <s>s</s></p>',
    );
    expect(html).toBe('<p><b>bold</b> <i>it</i> <u>u</u> <s>s</s></p>');
  });

  it('does not let markup hidden in an attribute of a dropped element escape', () => {
    const html = sanitizeBodyHtml('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>');
    expect(html).not.toMatch(/onerror|<img/i);
  });

  it('keeps http, https and mailto links, always opening in a new tab without referrer or opener', () => {
    const html = sanitizeBodyHtml(
      '<a href="https://example.com/a?b=1" target="_self" rel="opener">x</a><a href="mailto:a@example.com">m</a>',
    );
    expect(html).toBe(
      '<a href="https://example.com/a?b=1" target="_blank" rel="noopener noreferrer nofollow">x</a>' +
        '<a href="mailto:a@example.com" rel="noopener noreferrer nofollow" target="_blank">m</a>',
    );
  });

  it('keeps lists, quotes, code, headings and tables', () => {
    const source =
      '<h2>T</h2><ul><li>a</li></ul><ol><li>b</li></ol><blockquote>q</blockquote><pre><code>c</code></pre>' +
      '<table><thead><tr><th colspan="2">h</th></tr></thead><tbody><tr><td rowspan="1" onmouseover="x">d</td></tr></tbody></table>';
    expect(sanitizeBodyHtml(source)).toBe(source.replace(' onmouseover="x"', ''));
  });
});

describe('text and HTML bodies', () => {
  it('makes HTML from text by escaping it, so markup in text stays text', () => {
    expect(htmlFromText('Hi <script>alert(1)</script> & "you"\nline two\n\nnext')).toBe(
      '<p>Hi &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;you&quot;<br>line two</p><p>next</p>',
    );
  });

  it('derives readable text from HTML, with line breaks for blocks and entities decoded', () => {
    const html = sanitizeBodyHtml(
      '<p>Dear &amp; dearest,</p><p>a&lt;b<br>c&nbsp;d</p><ul><li>one</li><li>two</li></ul>',
    );
    expect(textFromHtml(html)).toBe('Dear & dearest,\n\na<b\nc d\n\none\ntwo');
  });

  it('stores sanitised HTML and the text derived from it when only HTML is given', () => {
    expect(
      prepareBody({ bodyHtml: '<p onclick="x()">Hello <b>there</b></p><script>bad()</script>' }),
    ).toEqual({
      html: '<p>Hello <b>there</b></p>',
      text: 'Hello there',
    });
  });

  it('stores the text and escaped HTML made from it when only text is given', () => {
    expect(prepareBody({ bodyText: 'a <b>\r\nc' })).toEqual({
      html: '<p>a &lt;b&gt;<br>c</p>',
      text: 'a <b>\nc',
    });
  });

  it('keeps both when both are given, sanitising the HTML', () => {
    expect(prepareBody({ bodyHtml: '<p>x<img src=x onerror=alert(1)></p>', bodyText: 'x' })).toEqual({
      html: '<p>x</p>',
      text: 'x',
    });
  });

  it('stores empty bodies when neither is given', () => {
    expect(prepareBody({})).toEqual({ html: '', text: '' });
  });

  it('cuts a snippet at 140 characters with whitespace folded', () => {
    expect(snippetOf('  a\n\n b  ')).toBe('a b');
    const long = snippetOf('word '.repeat(100));
    expect(Array.from(long)).toHaveLength(140);
    expect(long.endsWith('…')).toBe(true);
  });
});
