import type { Composed } from './templates.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Every value that reaches the HTML goes through this: text content and attribute values alike. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** Only http(s) links become buttons; anything else (a `javascript:` URL) would be a defect upstream. */
function safeUrl(url: string): string {
  return /^https?:\/\//i.test(url) ? url : '#';
}

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
/** Columns a label takes in a monospaced terminal: CJK characters take two. */
const columns = (text: string) => [...text].reduce((n, ch) => n + (WIDE.test(ch) ? 2 : 1), 0);
/** A label's colon: the full-width one after Chinese. */
const colon = (label: string) => (WIDE.test(label) ? '：' : ': ');

const URL_IN_TEXT = /https?:\/\/[^\s<>"']+/g;
const LINK_STYLE = 'color:#4f46e5;word-break:break-all';

/** A paragraph as HTML: escaped, with the http(s) URLs in it as links (mail clients don't all find them). */
function withLinks(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const url = match[0].replace(/[.,;:!?)。，；：！？）]+$/u, '');
    html += `${escapeHtml(text.slice(last, match.index))}<a href="${escapeHtml(url)}" style="${LINK_STYLE}">${escapeHtml(url)}</a>`;
    last = match.index + url.length;
  }
  return html + escapeHtml(text.slice(last));
}

/** The plain-text part: what a text-only client shows, and what the development outbox prints. */
export function renderText(m: Composed, product: string): string {
  const lines = [m.greeting, ''];
  for (const p of m.paragraphs) lines.push(p, '');
  if (m.action) lines.push(`${m.action.label}${colon(m.action.label).trim()}`, m.action.url, '');
  if (m.facts?.length) {
    const labelled = m.facts.map(([label, value]) => [`${label}${colon(label)}`, value] as const);
    const width = Math.max(...labelled.map(([label]) => columns(label)));
    for (const [label, value] of labelled)
      lines.push(`${label}${' '.repeat(width - columns(label))}${value}`);
    lines.push('');
  }
  for (const p of m.after ?? []) lines.push(p, '');
  lines.push('--', `${product} · ${m.reason}`);
  return `${lines.join('\n')}\n`;
}

const FONT =
  "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,'Helvetica Neue',Arial,'PingFang SC','Microsoft YaHei',sans-serif";

/**
 * The HTML part: one centred card, table-based and inline-styled (what mail clients render reliably), the
 * product name on top, one button for the link with the link again as text, and a footer saying why.
 */
export function renderHtml(m: Composed, product: string, lang: string): string {
  const p = (text: string) =>
    `<p style="margin:0 0 16px;font-size:15px;line-height:1.6;color:#1f2937">${withLinks(text)}</p>`;
  const parts = [p(m.greeting), ...m.paragraphs.map(p)];
  if (m.action) {
    const url = escapeHtml(safeUrl(m.action.url));
    parts.push(
      `<table role="presentation" cellspacing="0" cellpadding="0" style="margin:8px 0 24px"><tr>` +
        `<td style="border-radius:8px;background:#4f46e5">` +
        `<a href="${url}" style="display:inline-block;padding:12px 24px;font-size:15px;font-weight:600;` +
        `color:#ffffff;text-decoration:none;border-radius:8px">${escapeHtml(m.action.label)}</a>` +
        `</td></tr></table>`,
      `<p style="margin:0 0 24px;font-size:13px;line-height:1.5;color:#6b7280;word-break:break-all">` +
        `<a href="${url}" style="color:#4f46e5">${escapeHtml(m.action.url)}</a></p>`,
    );
  }
  if (m.facts?.length) {
    const rows = m.facts
      .map(
        ([label, value]) =>
          `<tr><td style="padding:4px 16px 4px 0;font-size:14px;color:#6b7280;white-space:nowrap;vertical-align:top">` +
          `${escapeHtml(label)}</td><td style="padding:4px 0;font-size:14px;color:#1f2937">${escapeHtml(value)}</td></tr>`,
      )
      .join('');
    parts.push(
      `<table role="presentation" cellspacing="0" cellpadding="0" style="margin:0 0 24px;width:100%;` +
        `border-top:1px solid #e5e7eb;border-bottom:1px solid #e5e7eb;padding:8px 0">${rows}</table>`,
    );
  }
  parts.push(...(m.after ?? []).map(p));
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(m.subject)}</title>
</head>
<body style="margin:0;padding:0;background:#f3f4f6;font-family:${FONT}">
<div style="display:none;max-height:0;overflow:hidden;color:#f3f4f6">${escapeHtml(m.preview)}</div>
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" style="background:#f3f4f6"><tr><td align="center" style="padding:32px 16px">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" style="max-width:560px">
<tr><td style="padding:0 8px 16px;font-size:20px;font-weight:700;color:#4f46e5;letter-spacing:0.2px">${escapeHtml(product)}</td></tr>
<tr><td style="background:#ffffff;border-radius:12px;padding:32px;border:1px solid #e5e7eb">
${parts.join('\n')}
</td></tr>
<tr><td style="padding:16px 8px;font-size:12px;line-height:1.5;color:#6b7280">${escapeHtml(m.reason)}</td></tr>
</table>
</td></tr></table>
</body>
</html>
`;
}
