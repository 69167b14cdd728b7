import { AppError } from '@orbit/http';

/**
 * The errors posts, moments, the timeline, search and sharing throw, by stable code (beside the common ones in
 * `../errors.ts`: `space.not_found`, `space.rate_limited`, the audience refusals).
 */
export const POST_ERROR_CODES = {
  shareNotAllowed: 'space.share_not_allowed',
  emptyMoment: 'space.moment_empty',
  wrongKind: 'space.wrong_kind',
  coverNotYours: 'space.cover_not_yours',
  notPublished: 'space.not_published',
  userRequired: 'space.user_required',
} as const;

export const shareNotAllowed = () =>
  new AppError(
    400,
    POST_ERROR_CODES.shareNotAllowed,
    'Only a public, published post or moment can be shared.',
  );

export const emptyMoment = () =>
  new AppError(400, POST_ERROR_CODES.emptyMoment, 'A moment needs text, a photo, a link or a shared post.');

export const wrongKind = (fields: string[]) =>
  new AppError(400, POST_ERROR_CODES.wrongKind, 'These fields belong to the other kind of item.', { fields });

export const coverNotYours = () =>
  new AppError(400, POST_ERROR_CODES.coverNotYours, 'The cover must be one of your photos.');

export const notPublished = () =>
  new AppError(400, POST_ERROR_CODES.notPublished, 'Only a published item can be pinned.');

export const userRequired = () =>
  new AppError(
    403,
    POST_ERROR_CODES.userRequired,
    'Sharing into Space needs a token on a user’s behalf, not the service’s own.',
  );
