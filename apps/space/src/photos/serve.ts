import { eq } from 'drizzle-orm';
import type { SpaceCore } from '../deps.js';
import { albums, photos, posts } from '../schema.js';
import type { Visible } from '../visibility.js';
import { isUuid } from './library.js';
import { photoKey } from './store.js';
import { fileName, mediaType, PHOTO_SIZES, type PhotoRow, type PhotoSize } from './view.js';

/** A photo file a viewer may have: where it is in the store, and how to send it. */
export interface PhotoFile {
  photo: PhotoRow;
  size: PhotoSize;
  /** Its key in the photo store. */
  key: string;
  type: string;
  /** The download name of an original (`<id>.<ext>`). */
  name: string;
}

/**
 * The photo files as the URLs serve them: a photo is seen by whoever may see what holds it — its album (the
 * album's audience), its post (published and allowed by `canSee`, or the owner's own draft) — and only by its
 * owner while it is in neither. Anyone else gets null, exactly as for a photo that doesn't exist.
 */
export function createPhotoFiles(core: Pick<SpaceCore, 'db' | 'visibility'>) {
  const { db, visibility } = core;

  /** What decides who sees `photo`, read with the same rule as every other way out (`core.visibility`). */
  async function holderOf(photo: PhotoRow): Promise<Visible | null> {
    if (photo.albumId) {
      const [album] = await db
        .select({ ownerSub: albums.ownerSub, audience: albums.audience })
        .from(albums)
        .where(eq(albums.id, photo.albumId));
      return album ?? null;
    }
    if (photo.postId) {
      const [post] = await db
        .select({
          ownerSub: posts.ownerSub,
          audience: posts.audience,
          mentions: posts.mentions,
          status: posts.status,
        })
        .from(posts)
        .where(eq(posts.id, photo.postId));
      return post ?? null;
    }
    // Not yet in an album or a post: the owner's alone (an "only me" audience says exactly that).
    return { ownerSub: photo.ownerSub, audience: { type: 'only_me' } };
  }

  return {
    /** Whether `viewer` (null: signed out) may see `photo`. */
    async canSee(viewer: string | null, photo: PhotoRow): Promise<boolean> {
      const holder = await holderOf(photo);
      return holder !== null && visibility.canSee(viewer, holder);
    },

    /**
     * The file of `size` of photo `id` for `viewer`, or null when there is none or it isn't theirs to see (the
     * caller reads it from the photo store only after deciding it must send it: a 304 reads nothing).
     */
    async find(viewer: string | null, id: string, size: string): Promise<PhotoFile | null> {
      if (!isUuid(id) || !(PHOTO_SIZES as readonly string[]).includes(size)) return null;
      const [photo] = await db.select().from(photos).where(eq(photos.id, id));
      if (!photo) return null;
      const holder = await holderOf(photo);
      if (!holder || !(await visibility.canSee(viewer, holder))) return null;
      const which = size as PhotoSize;
      const file = fileName(which, photo.format);
      return {
        photo,
        size: which,
        key: photoKey(photo.storageKey, file),
        type: mediaType(which, photo.format),
        name: `${photo.id}.${file.split('.').pop()}`,
      };
    },
  };
}
