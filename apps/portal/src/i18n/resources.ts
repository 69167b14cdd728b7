import type { Language } from '@orbit/ui/i18n';
import type { Resource } from 'i18next';
import { en } from './en';
import { withHubErrors } from './hub-errors';
import { hubErrorsEn } from './hub-errors-en';
import { hubErrorsZhCN } from './hub-errors-zh-CN';
import { zhCN } from './zh-CN';

export const resources = {
  en: { translation: withHubErrors(en, hubErrorsEn) },
  'zh-CN': { translation: withHubErrors(zhCN, hubErrorsZhCN) },
} satisfies Record<Language, Resource[string]>;
