export { chooseLanguage, initI18n } from './init';
export {
  DEFAULT_LANGUAGE,
  isLanguage,
  LANGUAGE_NAMES,
  LANGUAGE_STORAGE_KEY,
  LANGUAGES,
  type Language,
  pickLanguage,
  rememberLanguage,
  storedLanguage,
  toLanguage,
  toSupportedLanguage,
} from './languages';
export { type Translations, translationProblems } from './translation-problems';
