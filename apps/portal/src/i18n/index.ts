import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import {
  DEFAULT_LANGUAGE,
  LANGUAGE_STORAGE_KEY,
  LANGUAGES,
  type Language,
  toSupportedLanguage,
} from './languages';
import { resources } from './resources';

/**
 * The app's i18next instance: an OIDC request's `ui_locales` first, then the reader's stored choice (`orbit.lang`), then the browser's languages,
 * then English. The current language is mirrored in `<html lang>`.
 */
i18n.on('languageChanged', (language) => {
  document.documentElement.lang = i18n.resolvedLanguage ?? language;
});

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources,
    supportedLngs: [...LANGUAGES],
    fallbackLng: DEFAULT_LANGUAGE,
    load: 'currentOnly',
    initAsync: false, // the resources are bundled: be ready before the first render
    interpolation: { escapeValue: false }, // React escapes
    detection: {
      // `ui_locales` is what an application asked for on this sign-in (OIDC Core §3.1.2.1), so it comes first.
      order: ['querystring', 'localStorage', 'navigator'],
      lookupQuerystring: 'ui_locales',
      lookupLocalStorage: LANGUAGE_STORAGE_KEY,
      caches: [], // only an explicit choice is remembered (see chooseLanguage)
      convertDetectedLanguage: toSupportedLanguage,
    },
  });

/** Switches the language at once and remembers the choice for the next visit. */
export function chooseLanguage(language: Language): void {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // storage can be unavailable (private mode, blocked): the choice then lasts for this page only
  }
  void i18n.changeLanguage(language);
}

export default i18n;
