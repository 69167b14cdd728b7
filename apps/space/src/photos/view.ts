import { type PhotoView, photoUrls } from '../contracts/common.js';
import type { photos } from '../schema.js';

export type PhotoRow = typeof photos.$inferSelect;

/** The three sizes a photo is kept in, and what each file is named under the photo's storage key. */
export const PHOTO_SIZES = ['thumb', 'display', 'original'] as const;
export type PhotoSize = (typeof PHOTO_SIZES)[number];

/** The original's file extension and media type by stored format (GIFs are kept as PNG: first frame). */
export const ORIGINAL_TYPES = {
  jpeg: { ext: 'jpg', type: 'image/jpeg' },
  png: { ext: 'png', type: 'image/png' },
  webp: { ext: 'webp', type: 'image/webp' },
} as const;
export type OriginalFormat = keyof typeof ORIGINAL_TYPES;

/** The file name of `size` of a photo stored as `format`, under its storage key. */
export function fileName(size: PhotoSize, format: string): string {
  if (size !== 'original') return `${size}.webp`;
  return `original.${ORIGINAL_TYPES[format as OriginalFormat]?.ext ?? 'bin'}`;
}

/** The media type of `size` of a photo stored as `format`. */
export function mediaType(size: PhotoSize, format: string): string {
  if (size !== 'original') return 'image/webp';
  return ORIGINAL_TYPES[format as OriginalFormat]?.type ?? 'application/octet-stream';
}

/** A photo as the API shows it (its URLs serve only whoever may see what holds it). */
export function photoView(row: PhotoRow): PhotoView {
  return photoViewOf(row);
}

/** `photoView` from just the columns it shows (what `postPhotosJson` reads). */
export function photoViewOf(
  row: Pick<PhotoRow, 'id' | 'width' | 'height' | 'caption' | 'createdAt'>,
): PhotoView {
  return {
    id: row.id,
    width: row.width,
    height: row.height,
    caption: row.caption,
    urls: photoUrls(row.id),
    createdAt: row.createdAt.toISOString(),
  };
}
