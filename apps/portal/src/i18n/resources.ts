import type { Language } from '@orbit/ui/i18n';
import type { Resource } from 'i18next';
import { en } from './en';
import { zhCN } from './zh-CN';

export const resources = {
  en: { translation: en },
  'zh-CN': { translation: zhCN },
} satisfies Record<Language, Resource[string]>;
