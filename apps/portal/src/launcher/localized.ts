/**
 * The text to show in `language` from a default and its translations keyed by BCP 47 tag: the exact tag
 * first (ignoring case, as BCP 47 does), then any translation in the same language (`zh` or `zh-Hans` for
 * `zh-CN`), then the default.
 */
export function localized(
  fallback: string,
  translations: Readonly<Record<string, string>> | undefined,
  language: string,
): string {
  if (!translations) return fallback;
  const entries = Object.entries(translations).filter(([, text]) => text.trim() !== '');
  const wanted = language.toLowerCase();
  const exact = entries.find(([tag]) => tag.toLowerCase() === wanted);
  if (exact) return exact[1];
  const primary = primarySubtag(wanted);
  const sameLanguage = entries.find(([tag]) => primarySubtag(tag.toLowerCase()) === primary);
  return sameLanguage ? sameLanguage[1] : fallback;
}

function primarySubtag(tag: string): string {
  return tag.split('-', 1)[0] ?? tag;
}

/** The largest count a badge spells out; above it, it reads "99+" (the aria-label keeps the real number). */
export const BADGE_MAX = 99;

export function badgeText(count: number): string {
  return count > BADGE_MAX ? `${BADGE_MAX}+` : String(count);
}
