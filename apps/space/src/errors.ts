import { AppError } from '@orbit/http';

/**
 * The errors every part of Space throws, by stable code (each part adds its own in `<part>/errors.ts`; the
 * web pages have English and Chinese text for every code, which a test checks). Content the caller may not see
 * answers `space.not_found`, never a 403, so ids reveal nothing.
 */
export const COMMON_ERROR_CODES = {
  notFound: 'space.not_found',
  unknownGroup: 'space.audience_unknown_group',
  notFriend: 'space.audience_not_friend',
  rateLimited: 'space.rate_limited',
  badCursor: 'space.bad_cursor',
} as const;

export const notFound = () =>
  new AppError(404, COMMON_ERROR_CODES.notFound, 'There is no such thing here, or it isn’t shared with you.');

export const unknownGroup = (groupIds: (string | null)[]) =>
  new AppError(400, COMMON_ERROR_CODES.unknownGroup, 'The audience names a friend group you don’t have.', {
    groupIds,
  });

export const notFriend = (ids: string[]) =>
  new AppError(400, COMMON_ERROR_CODES.notFriend, 'The audience names accounts that aren’t your friends.', {
    ids,
  });

export const badCursor = () =>
  new AppError(400, COMMON_ERROR_CODES.badCursor, 'The cursor is not one this list gave out.');

export const rateLimited = (retryAfterSeconds: number) =>
  new AppError(
    429,
    COMMON_ERROR_CODES.rateLimited,
    'Too many actions at once; wait a moment and try again.',
    { retryAfterSeconds },
    { 'Retry-After': String(retryAfterSeconds) },
  );
