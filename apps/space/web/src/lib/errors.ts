import { ApiError, NetworkError } from '@orbit/ui/api';
import { ERROR_TEXTS, type ErrorText, FALLBACK_TEXTS } from '../i18n/errors';

/** The UI's languages, as the error texts are keyed. */
type Lang = keyof ErrorText;

const langOf = (language: string | undefined): Lang => (language === 'zh-CN' ? 'zh-CN' : 'en');

/**
 * What went wrong, in plain words in the page's language, for any error a request can end in: each of Space's
 * codes has its own text (`i18n/errors.ts`); an unknown code gets a generic one, never the server's English.
 */
export function describeError(error: unknown, language: string | undefined): string {
  const lang = langOf(language);
  if (error instanceof NetworkError) return FALLBACK_TEXTS.network[lang];
  if (!(error instanceof ApiError)) return FALLBACK_TEXTS.generic[lang];
  const known = ERROR_TEXTS[error.code];
  if (known) return known[lang];
  return (error.status >= 500 ? FALLBACK_TEXTS.server : FALLBACK_TEXTS.generic)[lang];
}

/** Whether an error is Space's "not here, or not shared with you". */
export const isNotFound = (error: unknown) =>
  error instanceof ApiError && (error.code === 'space.not_found' || error.status === 404);
