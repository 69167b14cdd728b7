import { AppError } from '@orbit/http';

/**
 * The errors comments, likes, visitors, themes and reports throw, by stable code (the web pages give each an
 * English and a Chinese text). What the caller may not see is `space.not_found` (`../errors.ts`), never a 403.
 */
export const TALK_ERROR_CODES = {
  notYourComment: 'space.comment_not_yours',
  replyToUnknown: 'space.reply_to_unknown',
  themeLocked: 'space.theme_locked',
  alreadyReported: 'space.already_reported',
  reportOwn: 'space.report_own',
  reportClosed: 'space.report_closed',
} as const;

export const notYourComment = () =>
  new AppError(
    403,
    TALK_ERROR_CODES.notYourComment,
    'Only its author or the space’s owner can delete a comment.',
  );

export const replyToUnknown = () =>
  new AppError(400, TALK_ERROR_CODES.replyToUnknown, 'A reply can only answer someone in the same thread.');

export const themeLocked = (theme: string, allowed: number) =>
  new AppError(403, TALK_ERROR_CODES.themeLocked, 'This theme needs a membership that includes it.', {
    theme,
    allowed,
  });

export const alreadyReported = () =>
  new AppError(409, TALK_ERROR_CODES.alreadyReported, 'You have reported this already.');

export const reportOwn = () =>
  new AppError(400, TALK_ERROR_CODES.reportOwn, 'You can’t report your own content.');

export const reportClosed = (status: string) =>
  new AppError(409, TALK_ERROR_CODES.reportClosed, 'This report has been handled already.', { status });
