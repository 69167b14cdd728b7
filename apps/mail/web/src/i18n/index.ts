import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { DEFAULT_LANGUAGE, LANGUAGE_STORAGE_KEY, LANGUAGES, type Language, pickLanguage } from './languages';
import { zhCN } from './zh-CN';

export const resources = {
  en: { translation: en },
  'zh-CN': { translation: zhCN },
} as const;

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18n.use(initReactI18next).init({
  resources,
  lng: pickLanguage(
    storedLanguage(),
    navigator.languages?.length ? navigator.languages : [navigator.language],
  ),
  supportedLngs: [...LANGUAGES],
  fallbackLng: DEFAULT_LANGUAGE,
  initAsync: false, // the resources are bundled: be ready before the first render
  interpolation: { escapeValue: false }, // React escapes
});

/** Switches the language at once and remembers the choice for the next visit. */
export function chooseLanguage(language: Language): void {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // storage can be unavailable: the choice then lasts for this page only
  }
  void i18n.changeLanguage(language);
}

export default i18n;
