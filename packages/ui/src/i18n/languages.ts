/** The languages every Orbit UI speaks, the first being the fallback. */
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'en';

/**
 * Where the reader's explicit choice is remembered. Every Orbit UI uses the same key, so a choice made in one
 * is kept by the others served from the same origin.
 */
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
 * A BCP 47 tag (from the browser, storage or an OIDC request) as a language we have: any Chinese (zh, zh-Hans,
 * zh-TW…) is Simplified Chinese, any English is English, anything else is `null`. A space-separated list, as in
 * `ui_locales`, gives the first of its languages we speak.
 */
export function toLanguage(tag: string): Language | null {
  const tags = tag.trim().split(/\s+/);
  if (tags.length > 1) return tags.map(toLanguage).find(isLanguage) ?? null;
  const lower = tag.trim().toLowerCase();
  if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return null;
}

/**
 * `toLanguage` for i18next's language detector: a language we do not have is returned as it is, so the
 * detector can move on to its next candidate or fall back.
 */
export function toSupportedLanguage(tag: string): string {
  return toLanguage(tag) ?? tag;
}

/** The reader's stored choice, else the first of the browser's languages we speak, else English. */
export function pickLanguage(stored: string | null, browserLanguages: readonly string[]): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of browserLanguages) {
    const language = toLanguage(tag);
    if (language) return language;
  }
  return DEFAULT_LANGUAGE;
}

/** The language the reader chose last time, if storage holds one. */
export function storedLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null; // storage can be unavailable (private mode, blocked)
  }
}

/** Remembers the reader's choice for the next visit. */
export function rememberLanguage(language: Language): void {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // storage can be unavailable (private mode, blocked): the choice then lasts for this page only
  }
}
