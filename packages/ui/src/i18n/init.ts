import type { i18n as I18n, InitOptions } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language, rememberLanguage } from './languages';

/**
 * Starts an app's i18next instance the way every Orbit UI runs it: the resources bundled and ready before the
 * first render, only the `LANGUAGES` with English as the fallback, and the current language mirrored in
 * `<html lang>`. `options` gives the app's resources and how it finds the reader's language (`lng`, or a
 * detector the instance `use`s).
 *
 * @example
 * initI18n(i18n, { resources, lng: pickLanguage(storedLanguage(), navigator.languages) });
 */
export function initI18n(i18n: I18n, options: InitOptions): I18n {
  i18n.on('languageChanged', (language) => {
    document.documentElement.lang = i18n.resolvedLanguage ?? language;
  });
  void i18n.use(initReactI18next).init({
    supportedLngs: [...LANGUAGES],
    fallbackLng: DEFAULT_LANGUAGE,
    load: 'currentOnly',
    initAsync: false, // the resources are bundled: be ready before the first render
    interpolation: { escapeValue: false }, // React escapes
    ...options,
  });
  return i18n;
}

/** Switches the language at once and remembers the choice for the next visit. */
export function chooseLanguage(i18n: I18n, language: Language): void {
  rememberLanguage(language);
  void i18n.changeLanguage(language);
}
