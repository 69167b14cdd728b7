import { AppError } from '@orbit/http';

/** The errors of photos and albums, by stable code (the web pages give each English and Chinese text). */
export const PHOTO_ERROR_CODES = {
  tooLarge: 'space.photo_too_large',
  tooManyPixels: 'space.photo_too_many_pixels',
  unsupported: 'space.photo_unsupported',
  tooManyFiles: 'space.photo_too_many_files',
  noFiles: 'space.photo_no_files',
  storageFull: 'space.storage_full',
  unusable: 'space.photo_unusable',
  notInAlbum: 'space.photo_not_in_album',
  badUpload: 'space.photo_bad_upload',
} as const;

export const photoTooLarge = (limitBytes: number) =>
  new AppError(413, PHOTO_ERROR_CODES.tooLarge, 'A photo is larger than Space takes.', { limitBytes });

export const photoTooManyPixels = (limitPixels: number) =>
  new AppError(413, PHOTO_ERROR_CODES.tooManyPixels, 'A photo has more pixels than Space takes.', {
    limitPixels,
  });

export const photoUnsupported = (index: number) =>
  new AppError(
    415,
    PHOTO_ERROR_CODES.unsupported,
    'A file is not a photo Space can read (JPEG, PNG, WebP or GIF).',
    { index },
  );

export const tooManyFiles = (limit: number) =>
  new AppError(400, PHOTO_ERROR_CODES.tooManyFiles, `At most ${limit} photos can be uploaded at once.`, {
    limit,
  });

export const noFiles = () =>
  new AppError(400, PHOTO_ERROR_CODES.noFiles, 'Choose at least one photo to upload.');

export const storageFull = (usedBytes: number, limitBytes: number) =>
  new AppError(413, PHOTO_ERROR_CODES.storageFull, 'Your photo storage is full.', { usedBytes, limitBytes });

export const photoUnusable = (photoIds: string[]) =>
  new AppError(
    400,
    PHOTO_ERROR_CODES.unusable,
    'A photo is not yours, is gone, or is already in an album or another post.',
    { photoIds },
  );

export const notInAlbum = () =>
  new AppError(400, PHOTO_ERROR_CODES.notInAlbum, 'The cover must be one of the album’s photos.');

export const badUpload = (message: string) => new AppError(400, PHOTO_ERROR_CODES.badUpload, message);
