import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, describeFieldErrors, messagesOf } from './error-messages';

/**
 * Error messages in the current language. `useTranslation` re-renders the caller when the language changes,
 * and these look the message up at render time, so a shown error is re-translated at once.
 */
export function useErrorText() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const messages = messagesOf(i18n);
    return {
      message: (error: unknown) => describeError(error, messages),
      fields: (error: unknown) => describeFieldErrors(error, messages),
    };
  }, [i18n]);
}
