import { AppError, invalidRequest } from '@orbit/http';

/**
 * Every error Mail's domain throws, by stable code. Another account's message answers `mail.not_found`, never
 * a 403, so ids reveal nothing.
 */
export const MAIL_ERROR_CODES = {
  notFound: 'mail.not_found',
  notInTrash: 'mail.not_in_trash',
  unknownRecipients: 'mail.unknown_recipients',
  attachmentTooLarge: 'mail.attachment_too_large',
  quotaExceeded: 'mail.quota_exceeded',
  rateLimited: 'mail.rate_limited',
  idempotencyConflict: 'mail.idempotency_conflict',
} as const;

export const notFound = () =>
  new AppError(404, MAIL_ERROR_CODES.notFound, 'There is no such message in your mailbox.');

export const notInTrash = () =>
  new AppError(409, MAIL_ERROR_CODES.notInTrash, 'Only messages in the trash can be deleted for good.');

export const unknownRecipients = (unknown: string[]) =>
  new AppError(400, MAIL_ERROR_CODES.unknownRecipients, 'Some recipients are not Orbit accounts.', {
    unknown,
  });

export const attachmentTooLarge = (filename: string, limitBytes: number) =>
  new AppError(413, MAIL_ERROR_CODES.attachmentTooLarge, `${filename} is larger than attachments may be.`, {
    filename,
    limitBytes,
  });

/** `who` is `'sender'` when the sender's own mailbox is full, else the handles of the full recipients. */
export const quotaExceeded = (who: 'sender' | string[], limitBytes: number) =>
  new AppError(
    413,
    MAIL_ERROR_CODES.quotaExceeded,
    who === 'sender' ? 'Your mailbox is full.' : 'Some recipients’ mailboxes are full.',
    { who, limitBytes },
  );

export const rateLimited = (retryAfterSeconds: number) =>
  new AppError(
    429,
    MAIL_ERROR_CODES.rateLimited,
    'You are sending too many messages; try again later.',
    { retryAfterSeconds },
    { 'Retry-After': String(retryAfterSeconds) },
  );

export const idempotencyConflict = () =>
  new AppError(
    409,
    MAIL_ERROR_CODES.idempotencyConflict,
    'This Idempotency-Key was already used for a different message.',
  );

export const noRecipients = () => invalidRequest([{ path: 'to', message: 'Add at least one recipient.' }]);

export const tooManyRecipients = (max: number) =>
  invalidRequest([{ path: 'to', message: `A message may have at most ${max} recipients.` }]);

export const badCursor = () => invalidRequest([{ path: 'cursor', message: 'The cursor is not valid.' }]);
