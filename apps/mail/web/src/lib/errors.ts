import { ApiError, NetworkError } from '@orbit/ui/api';
import { formatBytes } from './format';

/** Looks a message up in the UI's language: i18next's `t`, or anything shaped like it in tests. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * What went wrong, in plain words, for any error a request can end in: the Mail API's codes each get their
 * own message — naming the unknown recipients, the file that is too large, whose mailbox is full, how long to
 * wait — and everything else a generic one.
 */
export function describeError(error: unknown, t: Translate): string {
  if (error instanceof NetworkError) return t('errors.network');
  if (!(error instanceof ApiError)) return t('errors.generic');
  const details = isRecord(error.details) ? error.details : {};

  switch (error.code) {
    case 'mail.unknown_recipients': {
      const unknown = stringList(details.unknown);
      return unknown.length > 0
        ? t('errors.unknownRecipients', { count: unknown.length, list: unknown.join(', ') })
        : t('errors.unknownRecipientsAny');
    }
    case 'mail.attachment_too_large': {
      const limit = typeof details.limitBytes === 'number' ? formatBytes(details.limitBytes) : null;
      const filename = typeof details.filename === 'string' ? details.filename : null;
      if (filename && limit) return t('errors.attachmentTooLarge', { filename, limit });
      return limit ? t('errors.attachmentsTooLarge', { limit }) : t('errors.attachmentsTooLargeAny');
    }
    case 'mail.quota_exceeded': {
      const limit = typeof details.limitBytes === 'number' ? formatBytes(details.limitBytes) : null;
      if (details.who === 'sender')
        return limit ? t('errors.quotaSender', { limit }) : t('errors.quotaSenderAny');
      const who = stringList(details.who);
      if (who.length > 0) return t('errors.quotaRecipients', { count: who.length, list: who.join(', ') });
      return t('errors.quotaAny');
    }
    case 'mail.rate_limited':
      return error.retryAfterSeconds !== undefined
        ? t('errors.rateLimitedFor', { count: Math.max(1, error.retryAfterSeconds) })
        : t('errors.rateLimited');
    case 'session.required':
      return t('errors.sessionRequired');
    case 'step_up_required':
      return t('errors.stepUpRequired');
    case 'mail.not_found':
      return t('errors.notFound');
    case 'mail.not_in_trash':
      return t('errors.notInTrash');
    case 'mail.idempotency_conflict':
      return t('errors.idempotencyConflict');
    case 'request.invalid':
      return t('errors.invalid');
    default:
      return error.status >= 500 ? t('errors.server') : t('errors.generic');
  }
}

/** The recipients an error names as unknown, to highlight them in the form. */
export function unknownRecipients(error: unknown): string[] {
  if (!(error instanceof ApiError) || error.code !== 'mail.unknown_recipients') return [];
  return isRecord(error.details) ? stringList(error.details.unknown) : [];
}

/**
 * Whether a failed send may already have gone out: no answer came, or the server failed midway. Retrying it
 * must reuse its idempotency key. Any other answer means nothing was sent, so the next try is a new request.
 */
export function outcomeUnknown(error: unknown): boolean {
  return error instanceof NetworkError || (error instanceof ApiError && error.status >= 500);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
