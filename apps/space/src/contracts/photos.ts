/**
 * Photos and albums: uploads, the storage in use, captions and moves, albums with their own audiences. The photo
 * files themselves are at `/photos/<id>/<thumb|display|original>` (not under /api: the `urls` of a `Photo`).
 */
import { endpoint } from '@orbit/contracts';
import { z } from 'zod';
import { idParams, instant, noNul, photoView, spaceAudience } from './common.js';

const tags = ['photos'] as const;

export const PHOTO_CAPTION_MAX = 500;
export const ALBUM_TITLE_MAX = 100;
export const ALBUM_DESCRIPTION_MAX = 1000;
/** The most files one upload takes. */
export const MAX_FILES_PER_UPLOAD = 20;
/** Photos of an album per page. */
export const ALBUM_PAGE_SIZE = 60;

const caption = noNul(z.string().trim().max(PHOTO_CAPTION_MAX));

/**
 * The text fields of an upload (`multipart/form-data`): the album to put the photos in, and one `caption` per
 * `file`, in the same order (the n-th caption goes with the n-th file; fewer captions leave the rest blank).
 */
export const uploadFields = z.object({
  albumId: z.uuid().optional(),
  captions: z.array(caption).max(MAX_FILES_PER_UPLOAD).default([]),
});

export const storageUsage = z.object({ usedBytes: z.number().int(), limitBytes: z.number().int() }).meta({
  id: 'PhotoStorage',
  description: 'Photo storage in use, and the member’s limit (`space.storage_mb`).',
});

export const photoPatch = z
  .object({
    caption: caption.optional(),
    /** Move it to another of the owner's albums. */
    albumId: z.uuid().optional(),
    /** Its place in its album (0 first). */
    position: z.number().int().min(0).max(1_000_000).optional(),
  })
  .strict();

export const albumView = z
  .object({
    id: z.uuid(),
    ownerSub: z.string(),
    title: z.string(),
    description: z.string(),
    audience: spaceAudience,
    photoCount: z.number().int(),
    coverPhotoId: z.uuid().nullable(),
    /** The cover's thumbnail URL (null for an empty album). */
    coverThumb: z.string().nullable(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Album', description: 'A photo album; its photos are seen by whoever may see it.' });
export type AlbumView = z.infer<typeof albumView>;

export const albumCreate = z
  .object({
    title: noNul(z.string().trim().min(1).max(ALBUM_TITLE_MAX)),
    description: noNul(z.string().trim().max(ALBUM_DESCRIPTION_MAX)).default(''),
    /** Default: the owner's last choice, else the privacy centre's default. */
    audience: spaceAudience.optional(),
  })
  .strict();

export const albumPatch = z
  .object({
    title: noNul(z.string().trim().min(1).max(ALBUM_TITLE_MAX)).optional(),
    description: noNul(z.string().trim().max(ALBUM_DESCRIPTION_MAX)).optional(),
    audience: spaceAudience.optional(),
    /** One of the album's photos. */
    coverPhotoId: z.uuid().optional(),
  })
  .strict();

export const photosApi = {
  upload: endpoint({
    method: 'post',
    path: '/api/photos',
    summary: 'Upload photos (at most 20), optionally into an album',
    description:
      'multipart/form-data: `file` parts (JPEG, PNG, WebP or GIF), optional `albumId` and one `caption` per file ' +
      'in order. Metadata (EXIF, GPS) is removed; the photo is turned upright. Refusals: 413 ' +
      '`space.photo_too_large`, `space.photo_too_many_pixels`, `space.storage_full`; 415 ' +
      '`space.photo_unsupported`; 400 `space.photo_too_many_files`. Nothing is kept of a refused upload.',
    tags,
    auth: 'session',
    rawBody: { types: ['multipart/form-data'] },
    responses: { 201: z.object({ photos: z.array(photoView) }) },
  }),
  usage: endpoint({
    method: 'get',
    path: '/api/photos/usage',
    summary: 'Photo storage in use and the limit',
    tags,
    auth: 'session',
    responses: { 200: storageUsage },
  }),
  update: endpoint({
    method: 'patch',
    path: '/api/photos/:id',
    summary: 'Change a photo’s caption, album or place',
    tags,
    auth: 'session',
    params: idParams,
    body: photoPatch,
    responses: { 200: z.object({ photo: photoView }) },
  }),
  remove: endpoint({
    method: 'delete',
    path: '/api/photos/:id',
    summary: 'Delete a photo (it leaves its album or post)',
    tags,
    auth: 'session',
    params: idParams,
    responses: { 204: null },
  }),
};

export const albumsApi = {
  create: endpoint({
    method: 'post',
    path: '/api/albums',
    summary: 'Create an album',
    tags,
    auth: 'session',
    body: albumCreate,
    responses: { 201: z.object({ album: albumView }) },
  }),
  list: endpoint({
    method: 'get',
    path: '/api/albums',
    summary: 'The albums of an account the caller may see, newest updated first',
    tags,
    auth: 'session',
    query: z.object({ owner: z.uuid().optional() }),
    responses: { 200: z.object({ albums: z.array(albumView) }) },
  }),
  get: endpoint({
    method: 'get',
    path: '/api/albums/:id',
    summary: 'An album and a page of its photos, in order',
    tags,
    auth: 'session',
    params: idParams,
    query: z.object({ cursor: z.string().max(200).optional() }),
    responses: {
      200: z.object({ album: albumView, photos: z.array(photoView), next: z.string().nullable() }),
    },
  }),
  update: endpoint({
    method: 'patch',
    path: '/api/albums/:id',
    summary: 'Change an album’s title, description, audience or cover',
    tags,
    auth: 'session',
    params: idParams,
    body: albumPatch,
    responses: { 200: z.object({ album: albumView }) },
  }),
  remove: endpoint({
    method: 'delete',
    path: '/api/albums/:id',
    summary: 'Delete an album and its photos',
    tags,
    auth: 'session',
    params: idParams,
    responses: { 204: null },
  }),
};

export const photoEndpoints = [...Object.values(photosApi), ...Object.values(albumsApi)];
