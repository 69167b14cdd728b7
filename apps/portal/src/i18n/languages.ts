/** The languages the portal speaks, the first being the fallback. */
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'en';

/** Where the reader's choice is remembered. */
export const LANGUAGE_STORAGE_KEY = 'orbit.lang';

/** Each language's name in itself, as language pickers conventionally show them. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  'zh-CN': '简体中文',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * Maps a BCP 47 tag (from the browser or storage) to a language we have: any Chinese (zh, zh-Hans, zh-TW…)
 * to Simplified Chinese, any English to English. Other languages are returned as they are, so the detector
 * can move on to its next candidate or fall back.
 */
export function toSupportedLanguage(tag: string): string {
  // `ui_locales` is a space-separated list in order of preference: take the first we speak.
  const tags = tag.trim().split(/\s+/);
  if (tags.length > 1) return tags.map(toSupportedLanguage).find(isLanguage) ?? tag;
  const lower = tag.trim().toLowerCase();
  if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return tag;
}
