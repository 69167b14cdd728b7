import { ApiError, fieldProblems, NetworkError } from '@orbit/ui/api';
import type { i18n as I18n } from 'i18next';
import { PasskeyCeremonyError } from '../passkeys/ceremony-error';

/** The little of i18next that error messages need, so they can be tested with any instance. */
export interface Messages {
  t(key: string, options?: Record<string, unknown>): string;
  /** Whether `key` names a translated string (not a group of keys). */
  has(key: string): boolean;
}

export function messagesOf(i18n: I18n): Messages {
  const t = (key: string, options?: Record<string, unknown>): string =>
    (i18n.t as unknown as (key: string, options?: Record<string, unknown>) => unknown)(
      key,
      options,
    ) as string;
  return {
    t,
    has: (key) =>
      i18n.exists(key) &&
      typeof (i18n.t as unknown as (key: string, options: object) => unknown)(key, {
        returnObjects: true,
      }) === 'string',
  };
}

/**
 * A translated message for any error a request can end in: the API's code looked up under `errors.<code>`,
 * the server's own message for codes we don't know, the browser's passkey failures under `errors.webauthn.*`,
 * and a generic message for anything else.
 */
export function describeError(error: unknown, m: Messages): string {
  if (error instanceof ApiError) {
    if (error.code === 'auth.too_many_attempts') return tooManyAttempts(error.retryAfterSeconds, m);
    const key = `errors.${error.code}`;
    if (m.has(key)) return m.t(key);
    return error.message || m.t('errors.generic');
  }
  if (error instanceof NetworkError) return m.t('errors.network');
  if (error instanceof PasskeyCeremonyError) return m.t(`errors.webauthn.${error.reason}`);
  return m.t('errors.generic');
}

/** "Try again in N minutes/seconds", rounding up to whole minutes from a minute on. */
export function tooManyAttempts(retryAfterSeconds: number | undefined, m: Messages): string {
  if (retryAfterSeconds === undefined) return m.t('errors.auth.too_many_attempts');
  if (retryAfterSeconds >= 60)
    return m.t('errors.retry.minutes', { count: Math.ceil(retryAfterSeconds / 60) });
  return m.t('errors.retry.seconds', { count: Math.max(1, Math.ceil(retryAfterSeconds)) });
}

/**
 * Messages to show beside fields, by field path. A validation error (`request.invalid`) gets the field's own
 * translated rule (`errors.fields.<path>`); an error about one field (`password.too_short`,
 * `account.handle_taken`…) gets the error's translation. Otherwise the server's message is shown.
 */
export function describeFieldErrors(error: unknown, m: Messages): Record<string, string> {
  const messages = new Map<string, string>();
  if (!(error instanceof ApiError)) return {};
  for (const problem of fieldProblems(error)) {
    if (messages.has(problem.path)) continue;
    const key = error.code === 'request.invalid' ? `errors.fields.${problem.path}` : `errors.${error.code}`;
    messages.set(problem.path, m.has(key) ? m.t(key) : problem.message);
  }
  if (error.code === 'password.too_weak') addStrengthFeedback(error, messages, m);
  return Object.fromEntries(messages);
}

/**
 * `password.too_weak` names the strength estimate's warning and suggestions by key (zxcvbn's, under
 * `passwordStrength.*`): they follow the error's own sentence, in the reader's language. Unknown keys are left out.
 */
function addStrengthFeedback(error: ApiError, messages: Map<string, string>, m: Messages): void {
  if (!Array.isArray(error.details)) return;
  for (const detail of error.details as unknown[]) {
    if (typeof detail !== 'object' || detail === null) continue;
    const { path, warning, suggestions } = detail as {
      path?: unknown;
      warning?: unknown;
      suggestions?: unknown;
    };
    if (typeof path !== 'string' || !messages.has(path)) continue;
    const keys = [
      typeof warning === 'string' ? `passwordStrength.warnings.${warning}` : undefined,
      ...(Array.isArray(suggestions) ? suggestions : []).map((s) =>
        typeof s === 'string' ? `passwordStrength.suggestions.${s}` : undefined,
      ),
    ];
    const said = keys.filter((key): key is string => key !== undefined && m.has(key)).map((key) => m.t(key));
    const message = said.reduce(
      (first, next) => m.t('passwordStrength.followedBy', { first, next }),
      messages.get(path) ?? '',
    );
    messages.set(path, message);
  }
}
