import type { Resource } from 'i18next';
import { en } from './en';
import type { Language } from './languages';
import { zhCN } from './zh-CN';

export const resources = {
  en: { translation: en },
  'zh-CN': { translation: zhCN },
} satisfies Record<Language, Resource[string]>;
