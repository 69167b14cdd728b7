/** A piece of a message's text: words as they are, or a link. */
export type TextPart = { text: string } | { link: string };

/** http(s) URLs up to the next space or a character that can't end one in running text. */
const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;
/** Punctuation that ends a sentence rather than the link ("…at https://x.example/a."). */
const TRAILING = /[.,;:!?)\]}，。；：！？）】]+$/;

/**
 * Splits a plain-text email into words and links, so the outbox can show the links as links (and only http(s)
 * ones: a `javascript:` text never becomes a link).
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const link = match[0].replace(TRAILING, '');
    const start = match.index;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ link });
    last = start + link.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
