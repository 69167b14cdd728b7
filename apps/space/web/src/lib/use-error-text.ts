import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from './errors';

/** `describeError` in the page's current language (the same function until the language changes). */
export function useErrorText(): (error: unknown) => string {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  return useCallback((error: unknown) => describeError(error, language), [language]);
}
