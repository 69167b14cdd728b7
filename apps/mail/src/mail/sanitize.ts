import sanitizeHtml from 'sanitize-html';

/**
 * The formatting a message body may keep. Everything else is dropped on write — scripts, styles, frames,
 * images, forms, event handlers, `style`/`class`/`id` — so stored HTML is safe to render as it is. Links keep
 * only http, https and mailto targets and always open in a new tab without a referrer or an opener
 * (see https://owasp.org/www-community/attacks/Reverse_Tabnabbing).
 */
const options: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'b',
    'i',
    'u',
    's',
    'em',
    'strong',
    'a',
    'ul',
    'ol',
    'li',
    'blockquote',
    'pre',
    'code',
    'h1',
    'h2',
    'h3',
    'h4',
    'span',
    'div',
    'table',
    'caption',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'rel', 'target'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Elements whose text is code or markup, not prose: dropped with everything inside them.
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'noscript',
    'title',
    'template',
    'svg',
    'math',
    'iframe',
  ],
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: 'noopener noreferrer nofollow', target: '_blank' },
    }),
  },
};

/** Keeps the safe formatting subset of untrusted HTML. */
export function sanitizeBodyHtml(html: string): string {
  return sanitizeHtml(html, options).trim();
}

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);
}

const normaliseNewlines = (text: string) => text.replace(/\r\n?/g, '\n');

/** Plain text as HTML: escaped, blank lines between paragraphs, single newlines as `<br>`. */
export function htmlFromText(text: string): string {
  return normaliseNewlines(text)
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${paragraph.split('\n').map(escapeHtml).join('<br>')}</p>`)
    .join('');
}

/**
 * The readable text of sanitised HTML: line breaks where blocks end, tags removed, entities decoded.
 * Only ever given `sanitizeBodyHtml` output, whose closing tags and `<br />` have one fixed spelling.
 */
export function textFromHtml(safeHtml: string): string {
  const withBreaks = safeHtml
    .replace(/<br \/>/g, '\n')
    .replace(/<\/(p|h[1-4]|blockquote|pre|table|ul|ol)>/g, '</$1>\n\n')
    .replace(/<\/(div|li|tr|caption)>/g, '</$1>\n')
    .replace(/<\/(td|th)>/g, '</$1>\t');
  // With no tags allowed, sanitize-html keeps only text, decoding every entity but &amp; &lt; &gt;.
  const text = sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\u00a0/g, ' ');
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/g, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export interface Body {
  html: string;
  text: string;
}

/**
 * The two bodies stored for a message: HTML sanitised, and text given or derived from it; from text alone,
 * HTML made from the escaped text.
 */
export function prepareBody(input: { bodyHtml?: string | undefined; bodyText?: string | undefined }): Body {
  if (input.bodyHtml !== undefined) {
    const html = sanitizeBodyHtml(input.bodyHtml);
    const text = input.bodyText !== undefined ? normaliseNewlines(input.bodyText) : textFromHtml(html);
    return { html, text };
  }
  if (input.bodyText !== undefined) {
    const text = normaliseNewlines(input.bodyText);
    return { html: htmlFromText(text), text };
  }
  return { html: '', text: '' };
}

export const SNIPPET_LENGTH = 140;

/** The first ~140 characters of the text, whitespace folded, for listings. */
export function snippetOf(text: string): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(folded);
  return chars.length <= SNIPPET_LENGTH ? folded : `${chars.slice(0, SNIPPET_LENGTH - 1).join('')}…`;
}
