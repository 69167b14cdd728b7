import sharp, { type Metadata, type Sharp } from 'sharp';
import { photoTooManyPixels, photoUnsupported } from './errors.js';
import type { OriginalFormat } from './view.js';

// One libvips thread per pipeline and no operation cache. An upload runs three pipelines at once (original,
// display, thumbnail) in libuv's pool, which already keeps two cores busy: on the 2-core machine one thread each
// was as quick as two, within run-to-run noise (src/bench/photo.ts, 2026-12-07: p50 alone 341/382 vs 324/363 ms,
// two at once 603/648 vs 607/642 ms, PGlite/PostgreSQL runs), with half the threads — and a bigger server running
// many uploads isn't oversubscribed. Nothing is processed twice, so the cache would only hold memory.
sharp.concurrency(1);
sharp.cache(false);

/** The long side of the display size and of the thumbnail, in pixels (never enlarged). */
export const DISPLAY_PX = 1600;
export const THUMB_PX = 320;

/** What an uploaded photo becomes: three files without metadata, oriented upright. */
export interface ProcessedPhoto {
  format: OriginalFormat;
  /** Of the original, after orientation. */
  width: number;
  height: number;
  original: Buffer;
  display: Buffer;
  thumb: Buffer;
  storedBytes: number;
}

const READABLE = new Set(['jpeg', 'png', 'webp', 'gif']);

/**
 * Processes one uploaded file (pure: bytes in, files out; no database): refuses what isn't a JPEG, PNG, WebP or
 * GIF — or is truncated — (415 `space.photo_unsupported`) and what decodes to more than `maxPixels` (413
 * `space.photo_too_many_pixels`, checked from the header before decoding); turns it upright by its EXIF
 * orientation before any resizing; drops every piece of metadata (EXIF, GPS, XMP, IPTC: sharp keeps none unless
 * asked); re-encodes the original in its own format (a GIF's first frame as PNG) and makes the display and
 * thumbnail WebP sizes. `index` is the file's place in the upload, for the error's details.
 *
 * HEIC is not among the formats: sharp's prebuilt libvips reads HEIF only as AVIF (`sharp.format.heif` lists
 * `.avif` alone: no HEVC decoder, for patent reasons), so an iPhone's HEIC is refused as unsupported (iOS Safari
 * sends JPEG instead to a file input whose `accept` doesn't name HEIC).
 */
export async function processPhoto(
  bytes: Buffer,
  { maxPixels, index = 0 }: { maxPixels: number; index?: number },
): Promise<ProcessedPhoto> {
  // `failOn: 'truncated'`: a cut-off file is refused rather than stored half grey.
  const input = { limitInputPixels: maxPixels, failOn: 'truncated', animated: false } as const;
  let meta: Metadata;
  try {
    // The header only (no decoding), so the pixel count is checked here, with its own error.
    meta = await sharp(bytes, { ...input, limitInputPixels: false }).metadata();
  } catch {
    throw photoUnsupported(index);
  }
  if (!meta.format || !READABLE.has(meta.format) || !meta.width || !meta.height)
    throw photoUnsupported(index);
  const frameHeight = meta.pageHeight ?? meta.height;
  if (meta.width * frameHeight > maxPixels) throw photoTooManyPixels(maxPixels);
  const format: OriginalFormat = meta.format === 'gif' ? 'png' : (meta.format as OriginalFormat);

  // `.rotate()` without an angle applies the EXIF orientation; it comes before resizing, so sizes are upright.
  const upright = () => sharp(bytes, input).rotate();
  const fit = (px: number) => ({ width: px, height: px, fit: 'inside' as const, withoutEnlargement: true });
  try {
    const [original, display, thumb] = await Promise.all([
      encodeOriginal(upright(), format).toBuffer({ resolveWithObject: true }),
      // effort 2: about a quarter quicker than the default 4, for files a few per cent larger.
      upright().resize(fit(DISPLAY_PX)).webp({ quality: 82, effort: 2 }).toBuffer(),
      upright().resize(fit(THUMB_PX)).webp({ quality: 75 }).toBuffer(),
    ]);
    return {
      format,
      width: original.info.width,
      height: original.info.height,
      original: original.data,
      display,
      thumb,
      storedBytes: original.data.length + display.length + thumb.length,
    };
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) throw photoTooManyPixels(maxPixels);
    throw photoUnsupported(index);
  }
}

function encodeOriginal(image: Sharp, format: OriginalFormat): Sharp {
  if (format === 'jpeg') return image.jpeg({ quality: 90 });
  if (format === 'webp') return image.webp({ quality: 90 });
  return image.png();
}
