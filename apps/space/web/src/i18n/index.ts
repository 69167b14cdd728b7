import { initI18n, pickLanguage, storedLanguage } from '@orbit/ui/i18n';
import i18n from 'i18next';
import { en } from './en';
import { zhCN } from './zh-CN';

export const resources = {
  en: { translation: en },
  'zh-CN': { translation: zhCN },
} as const;

/** The reader's stored choice (`orbit.lang`), else the browser's languages; the account's takes over once known. */
initI18n(i18n, {
  resources,
  lng: pickLanguage(
    storedLanguage(),
    navigator.languages?.length ? navigator.languages : [navigator.language],
  ),
});

export default i18n;
