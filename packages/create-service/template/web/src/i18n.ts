import { initI18n, pickLanguage, storedLanguage } from '@orbit/ui/i18n';
import i18n from 'i18next';

/** The page's text in English, the source language. The shell's own text comes with `@orbit/ui/shell`. */
export const en = {
  app: { name: '__SERVICE_NAME__' },
  notes: {
    hello: 'Hello, {{name}} ({{number}})',
    newNote: 'New note',
    save: 'Save',
    loadFailed: 'Your notes could not be loaded.',
  },
};

/** 简体中文: the same keys as `en` (the type says so). */
export const zhCN: typeof en = {
  app: { name: '__SERVICE_NAME__' },
  notes: {
    hello: '你好，{{name}}（{{number}}）',
    newNote: '新笔记',
    save: '保存',
    loadFailed: '笔记加载失败。',
  },
};

/** The reader's stored choice, else the browser's languages; the account's language takes over once known. */
initI18n(i18n, {
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: pickLanguage(
    storedLanguage(),
    navigator.languages?.length ? navigator.languages : [navigator.language],
  ),
});

export default i18n;
