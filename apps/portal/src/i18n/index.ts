import { initI18n, LANGUAGE_STORAGE_KEY, toSupportedLanguage } from '@orbit/ui/i18n';
import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { resources } from './resources';

/**
 * The app's i18next instance: an OIDC request's `ui_locales` first, then the reader's stored choice (`orbit.lang`), then the browser's languages,
 * then English. The current language is mirrored in `<html lang>`.
 */
initI18n(i18n.use(LanguageDetector), {
  resources,
  detection: {
    // `ui_locales` is what an application asked for on this sign-in (OIDC Core §3.1.2.1), so it comes first.
    order: ['querystring', 'localStorage', 'navigator'],
    lookupQuerystring: 'ui_locales',
    lookupLocalStorage: LANGUAGE_STORAGE_KEY,
    caches: [], // only an explicit choice is remembered (see chooseLanguage in @orbit/ui)
    convertDetectedLanguage: toSupportedLanguage,
  },
});

export default i18n;
