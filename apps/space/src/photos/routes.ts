import { endpointRoutes, invalidRequest, isStorableText, zodProblems } from '@orbit/http';
import type { OrbitVariables } from '@orbit/sdk';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { albumsApi, MAX_FILES_PER_UPLOAD, photosApi, uploadFields } from '../contracts/photos.js';
import type { SpaceCore } from '../deps.js';
import { notFound } from '../errors.js';
import { type Albums, albumView } from './albums.js';
import type { PhotoEdits } from './edits.js';
import { badUpload, noFiles, photoTooLarge, tooManyFiles } from './errors.js';
import { readMultipart } from './multipart.js';
import type { createPhotoFiles } from './serve.js';
import type { Uploads } from './uploads.js';
import { photoView } from './view.js';

const sub = (c: Context<{ Variables: OrbitVariables }>) => c.get('user').sub;

/** The JSON API of photos and albums (`/api/photos…`, `/api/albums…`), signed in. */
export function photoApiRoutes(
  core: SpaceCore,
  { uploads, edits, albums }: { uploads: Uploads; edits: PhotoEdits; albums: Albums },
) {
  const signedIn = core.orbit.requireUser();
  const { maxPhotoBytes } = core.config.space;
  return endpointRoutes<{ Variables: OrbitVariables }>()
    .on(photosApi.upload, signedIn, async (c) => {
      const batch = await uploads.begin(sub(c));
      let files = 0;
      try {
        const fields = await readMultipart(
          c.req.header('content-type'),
          c.req.header('content-length'),
          c.req.raw.body,
          {
            maxFileBytes: maxPhotoBytes,
            maxFiles: MAX_FILES_PER_UPLOAD,
            maxFieldBytes: 4 * 1024,
            maxFields: MAX_FILES_PER_UPLOAD + 1,
            // Every file at its largest, and room for the fields and boundaries.
            maxTotalBytes: MAX_FILES_PER_UPLOAD * maxPhotoBytes + 256 * 1024,
            tooLarge: () => photoTooLarge(maxPhotoBytes),
            tooManyFiles: () => tooManyFiles(MAX_FILES_PER_UPLOAD),
          },
          async (file, index) => {
            if (file.name !== 'file') throw badUpload('Send each photo as a `file` part.');
            // A browser's empty file input sends an empty part with an empty name: nothing to keep.
            if (file.filename === '' && file.bytes.length === 0) return;
            files++;
            await batch.add(file.bytes, index);
          },
        );
        const unknown = fields.find((p) => !['caption', 'albumId'].includes(p.name));
        if (unknown) throw badUpload(`The upload has an unknown field: ${unknown.name}.`);
        const text = (name: string) =>
          fields.filter((p) => p.name === name).map((p) => p.bytes.toString('utf8'));
        const [captions, albumIds] = [text('caption'), text('albumId')];
        if (albumIds.length > 1) throw badUpload('Give at most one albumId.');
        if (![...captions, ...albumIds].every(isStorableText)) {
          throw invalidRequest([{ path: 'caption', message: 'may not contain NUL characters' }]);
        }
        const parsed = uploadFields.safeParse({ albumId: albumIds[0], captions });
        if (!parsed.success) throw invalidRequest(zodProblems(parsed.error));
        if (files === 0) throw noFiles();
        const rows = await batch.commit(parsed.data.captions, parsed.data.albumId);
        return c.json({ photos: rows.map(photoView) }, 201);
      } catch (error) {
        await batch.abort();
        throw error;
      }
    })
    .on(photosApi.usage, signedIn, async (c) => {
      const owner = sub(c);
      const [usedBytes, limitBytes] = await Promise.all([
        uploads.storage.usedBytes(owner),
        uploads.storage.limitBytes(owner),
      ]);
      return c.json({ usedBytes, limitBytes });
    })
    .on(photosApi.update, signedIn, async (c, { params, body }) => {
      const row = await edits.update(sub(c), params.id, body);
      return c.json({ photo: photoView(row) });
    })
    .on(photosApi.remove, signedIn, async (c, { params }) => {
      await edits.remove(sub(c), params.id);
      return c.body(null, 204);
    })
    .on(albumsApi.create, signedIn, async (c, { body }) => {
      const row = await albums.create(sub(c), body);
      return c.json({ album: albumView(row) }, 201);
    })
    .on(albumsApi.list, signedIn, async (c, { query }) => {
      const rows = await albums.list(sub(c), query.owner ?? sub(c));
      return c.json({ albums: rows.map(albumView) });
    })
    .on(albumsApi.get, signedIn, async (c, { params, query }) => {
      const page = await albums.get(sub(c), params.id, query.cursor);
      return c.json({ album: albumView(page.album), photos: page.photos, next: page.next });
    })
    .on(albumsApi.update, signedIn, async (c, { params, body }) => {
      const row = await albums.update(sub(c), params.id, body);
      return c.json({ album: albumView(row) });
    })
    .on(albumsApi.remove, signedIn, async (c, { params }) => {
      await albums.remove(sub(c), params.id);
      return c.body(null, 204);
    }).app;
}

/** `"a", W/"b"` → the tags (weak or strong: for a GET, If-None-Match compares weakly, RFC 9110 §13.1.2). */
const entityTags = (header: string | undefined) =>
  (header ?? '').split(',').map((tag) => tag.trim().replace(/^W\//, ''));

/**
 * `GET /photos/:id/:size` (`thumb`, `display`, `original`): the file, for whoever may see what holds the photo
 * (session cookie or none). Anyone else gets the same 404 as for a photo that doesn't exist. Never cached by a
 * shared cache (`private`): the next one to ask may not be allowed to see it.
 */
export function photoFileRoutes(core: SpaceCore, files: ReturnType<typeof createPhotoFiles>) {
  return new Hono<{ Variables: { user?: { sub: string } } }>().get(
    '/photos/:id/:size',
    core.orbit.optionalUser(),
    async (c) => {
      const viewer = c.get('user')?.sub ?? null;
      const file = await files.find(viewer, c.req.param('id'), c.req.param('size'));
      if (!file) throw notFound();
      const etag = `"${file.photo.id}-${file.size}"`;
      const headers: Record<string, string> = {
        'Cache-Control': 'private, max-age=3600',
        ETag: etag,
        'X-Content-Type-Options': 'nosniff',
      };
      if (entityTags(c.req.header('if-none-match')).includes(etag)) return c.body(null, 304, headers);
      const stored = await core.photoStore.get(file.key);
      if (!stored) throw notFound();
      return new Response(stored.body, {
        headers: {
          ...headers,
          'Content-Type': file.type,
          'Content-Length': String(stored.size),
          'Content-Disposition': file.size === 'original' ? `attachment; filename="${file.name}"` : 'inline',
        },
      });
    },
  );
}
