import { escapeHtml } from '@orbit/search';
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/** Raw HTML in Markdown is text (`html: false`); bare URLs become links. */
const markdown = new MarkdownIt({ html: false, linkify: true });

/** A Space photo URL (`/photos/<id>/<size>`): the only images a post may show inline. */
const PHOTO_SRC = /^\/photos\/[0-9a-f-]{36}\/(thumb|display|original)$/i;

/**
 * The formatting a post keeps; everything else is dropped on write (scripts, styles, frames, forms, event
 * handlers, `style`/`class`), so stored HTML is safe to render as it is — the same allow-list as Mail's bodies
 * (apps/mail/src/mail/sanitize.ts) plus headings to h6 and Space's own photos. Links open in a new tab without a
 * referrer or an opener (https://owasp.org/www-community/attacks/Reverse_Tabnabbing) and carry `nofollow`, so
 * spam in a public post earns no ranking.
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
    'del',
    'a',
    'img',
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
    'h5',
    'h6',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'rel', 'target'],
    img: ['src', 'alt'],
    ol: ['start'],
    th: ['style'],
    td: ['style'],
  },
  // markdown-it aligns table cells with `style="text-align:…"`: that, and nothing else.
  allowedStyles: { '*': { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
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
  // Images from anywhere else would track readers (and show what the owner's audience never chose): dropped.
  exclusiveFilter: (frame) => frame.tag === 'img' && !PHOTO_SRC.test(frame.attribs.src ?? ''),
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: 'noopener noreferrer nofollow', target: '_blank' },
    }),
  },
};

/** A post's Markdown as safe HTML (rendered with markdown-it, then sanitised). */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(source), options).trim();
}

const link = (url: string, text: string) =>
  `<a href="${escapeHtml(url)}" rel="noopener noreferrer nofollow" target="_blank">${escapeHtml(text)}</a>`;

/** A moment's plain text as HTML: escaped, web addresses as links, line breaks kept as `<br>`. */
export function renderMomentText(text: string): string {
  const normalised = text.replace(/\r\n?/g, '\n').trim();
  const matches = (markdown.linkify.match(normalised) ?? []).filter((m) => /^https?:\/\//i.test(m.url));
  let html = '';
  let at = 0;
  for (const match of matches) {
    html += escapeHtml(normalised.slice(at, match.index)) + link(match.url, match.text);
    at = match.lastIndex;
  }
  html += escapeHtml(normalised.slice(at));
  return html.replace(/\n/g, '<br>');
}

/** The readable text of stored (sanitised) HTML: for search snippets, RSS titles and notification previews. */
export function plainText(safeHtml: string): string {
  return sanitizeHtml(safeHtml.replace(/<br\s*\/?>|<\/(p|h[1-6]|li|blockquote|pre|tr)>/g, '$&\n'), {
    allowedTags: [],
    allowedAttributes: {},
  })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
