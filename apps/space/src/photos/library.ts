import { type AnyColumn, and, asc, eq, inArray, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { PhotoView } from '../contracts/common.js';
import { MOMENT_PHOTOS_MAX } from '../contracts/posts.js';
import type { SpaceCore, SpaceTx } from '../deps.js';
import { albums, photos, posts } from '../schema.js';
import { photoUnusable } from './errors.js';
import { type PhotoRow, photoView, photoViewOf } from './view.js';

/** The most photos a moment (or a post) carries, as Qzone's 说说 do (the contract's limit). */
export const MAX_PHOTOS_PER_POST = MOMENT_PHOTOS_MAX;
/** How long an uploaded photo may stay in neither an album nor a post before the sweep deletes it. */
export const UNATTACHED_TTL_MS = 24 * 60 * 60 * 1000;

/** What the other parts of Space use of photos. */
export interface Photos {
  /** Photo views of each post, in order (post id → photos); posts without photos are left out. */
  ofPosts(postIds: readonly string[]): Promise<Map<string, PhotoView[]>>;
  /** Photo views by id; unknown ids are left out. */
  views(ids: readonly string[]): Promise<Map<string, PhotoView>>;
  /**
   * Attaches `owner`'s unattached photos to a post (in order), in the caller's transaction; throws 400
   * `space.photo_unusable` when one isn't theirs, is gone or is attached elsewhere.
   */
  attachToPost(tx: SpaceTx, owner: string, postId: string, photoIds: readonly string[]): Promise<void>;
  /**
   * In the transaction deleting `postId`: deletes its photos' rows and answers their storage keys, whose files
   * go with `purgeFiles` once the transaction committed.
   */
  deleteOfPost(tx: SpaceTx, postId: string): Promise<string[]>;
  /** Deletes photo files (after the rows' transaction committed); failures are logged, not thrown. */
  purgeFiles(storageKeys: readonly string[]): Promise<void>;
  /** Whether `photoId` is one of `owner`'s photos (a post's cover must be). */
  ownedBy(owner: string, photoId: string): Promise<boolean>;
  /**
   * Every photo row of `owner` (for the data export: `storageKey` + `fileName` find the files in
   * `core.photoStore`), oldest first.
   */
  listOwner(owner: string): Promise<PhotoRow[]>;
  /**
   * Erasure: in the caller's transaction, deletes every photo and album of `owner` and answers the photos'
   * storage keys, for `purgeFiles` once the transaction committed.
   */
  deleteOwnerRows(tx: SpaceTx, owner: string): Promise<string[]>;
  /**
   * Deletes photos uploaded more than a day ago that are in neither an album nor a post (rows, then files);
   * answers how many. Idempotent: a missed run is made up by the next.
   */
  sweepUnattached(): Promise<number>;
  /**
   * Deletes photo folders in the store that no row names and that were last written more than an hour ago: the
   * files of an upload whose process died before its rows were committed. Answers how many.
   */
  sweepOrphanedFiles(): Promise<number>;
}

/** An upload in flight writes its files before its rows: folders younger than this are left alone. */
export const ORPHAN_GRACE_MS = 60 * 60 * 1000;
/** Folders compared with the rows per query. */
const ORPHAN_BATCH = 500;

const lower = (sub: string) => sub.toLowerCase();

/** The photo library over Space's database and photo store. */
export function createPhotoLibrary(core: Pick<SpaceCore, 'db' | 'clock' | 'logger' | 'photoStore'>): Photos {
  const { db, clock, logger, photoStore } = core;

  async function purgeFiles(storageKeys: readonly string[]) {
    for (const key of storageKeys) {
      try {
        await photoStore.deletePrefix(key);
      } catch (error) {
        // The row is gone already: an orphaned file costs disk, never privacy (no URL reaches it).
        logger.error({ err: error, storageKey: key }, 'could not delete photo files');
      }
    }
  }

  return {
    async ofPosts(postIds) {
      const byPost = new Map<string, PhotoView[]>();
      if (postIds.length === 0) return byPost;
      const rows = await db
        .select()
        .from(photos)
        .where(inArray(photos.postId, [...new Set(postIds)]))
        .orderBy(asc(photos.postId), asc(photos.position), asc(photos.createdAt));
      for (const row of rows) {
        const postId = row.postId as string;
        const list = byPost.get(postId) ?? [];
        list.push(photoView(row));
        byPost.set(postId, list);
      }
      return byPost;
    },

    async views(ids) {
      const byId = new Map<string, PhotoView>();
      const valid = [...new Set(ids)].filter(isUuid);
      if (valid.length === 0) return byId;
      const rows = await db.select().from(photos).where(inArray(photos.id, valid));
      for (const row of rows) byId.set(row.id, photoView(row));
      return byId;
    },

    async attachToPost(tx, owner, postId, photoIds) {
      if (photoIds.length === 0) return;
      const ids = [...new Set(photoIds)];
      if (ids.length !== photoIds.length || ids.length > MAX_PHOTOS_PER_POST || !ids.every(isUuid)) {
        throw photoUnusable(photoIds.filter((id) => !isUuid(id)));
      }
      // One conditional update: two posts racing for the same photo can't both win it.
      const taken = await tx
        .update(photos)
        .set({ postId })
        .where(
          and(
            inArray(photos.id, ids),
            eq(photos.ownerSub, lower(owner)),
            isNull(photos.albumId),
            isNull(photos.postId),
          ),
        )
        .returning({ id: photos.id });
      if (taken.length !== ids.length) {
        const got = new Set(taken.map((t) => t.id));
        throw photoUnusable(ids.filter((id) => !got.has(id)));
      }
      for (const [position, id] of ids.entries()) {
        await tx.update(photos).set({ position }).where(eq(photos.id, id));
      }
    },

    async deleteOfPost(tx, postId) {
      const gone = await tx
        .delete(photos)
        .where(eq(photos.postId, postId))
        .returning({ storageKey: photos.storageKey });
      return gone.map((g) => g.storageKey);
    },

    purgeFiles,

    async ownedBy(owner, photoId) {
      if (!isUuid(photoId)) return false;
      const [row] = await db
        .select({ id: photos.id })
        .from(photos)
        .where(and(eq(photos.id, photoId), eq(photos.ownerSub, lower(owner))));
      return row !== undefined;
    },

    listOwner: (owner) =>
      db
        .select()
        .from(photos)
        .where(eq(photos.ownerSub, lower(owner)))
        .orderBy(asc(photos.createdAt), asc(photos.id)),

    async deleteOwnerRows(tx, owner) {
      const gone = await tx
        .delete(photos)
        .where(eq(photos.ownerSub, lower(owner)))
        .returning({ storageKey: photos.storageKey });
      await tx.delete(albums).where(eq(albums.ownerSub, lower(owner)));
      return gone.map((g) => g.storageKey);
    },

    async sweepOrphanedFiles() {
      const before = new Date(clock.now().getTime() - ORPHAN_GRACE_MS);
      let deleted = 0;
      let batch: string[] = [];
      const settle = async () => {
        const named = new Set(
          (
            await db
              .select({ storageKey: photos.storageKey })
              .from(photos)
              .where(inArray(photos.storageKey, batch))
          ).map((row) => row.storageKey),
        );
        const orphans = batch.filter((key) => !named.has(key));
        await purgeFiles(orphans);
        deleted += orphans.length;
        batch = [];
      };
      for await (const key of photoStore.folders(before)) {
        batch.push(key);
        if (batch.length >= ORPHAN_BATCH) await settle();
      }
      if (batch.length > 0) await settle();
      if (deleted > 0) logger.warn({ deleted }, 'deleted orphaned photo files');
      return deleted;
    },

    async sweepUnattached() {
      const before = new Date(clock.now().getTime() - UNATTACHED_TTL_MS);
      const gone = await db
        .delete(photos)
        .where(
          and(
            isNull(photos.albumId),
            isNull(photos.postId),
            lt(photos.createdAt, sql`${before.toISOString()}::timestamptz`),
          ),
        )
        .returning({ storageKey: photos.storageKey });
      await purgeFiles(gone.map((g) => g.storageKey));
      if (gone.length > 0) logger.info({ count: gone.length }, 'swept unattached photos');
      return gone.length;
    },
  };
}

/**
 * The photos of the post `postId` names, as a JSON array in the order `ofPosts` gives (null when it has none): a
 * column for a query that reads posts, so that a page of them needs no photos query of its own (the timeline's
 * hot path). Read it back with `photoViewsFromJson`.
 */
export function postPhotosJson(postId: AnyColumn): SQL<unknown> {
  return sql`(select json_agg(json_build_object('id', ${photos.id}, 'width', ${photos.width}, 'height', ${photos.height},
    'caption', ${photos.caption}, 'createdAt', ${photos.createdAt}) order by ${photos.position}, ${photos.createdAt})
    from ${photos} where ${photos.postId} = ${postId})`;
}

/** The photo views of a `postPhotosJson` column (the driver may hand it over parsed or as text). */
export function photoViewsFromJson(value: unknown): PhotoView[] {
  const list = typeof value === 'string' ? JSON.parse(value) : value;
  if (!Array.isArray(list)) return [];
  return list.map((p: { id: string; width: number; height: number; caption: string; createdAt: string }) =>
    photoViewOf({ ...p, createdAt: new Date(p.createdAt) }),
  );
}

/** Clears a post's cover where it names a photo being deleted (in the caller's transaction). */
export async function forgetAsCover(tx: SpaceTx, photoIds: readonly string[]): Promise<void> {
  if (photoIds.length === 0) return;
  await tx
    .update(posts)
    .set({ coverPhotoId: null })
    .where(inArray(posts.coverPhotoId, [...photoIds]));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Whether `id` can be a photo id at all (anything else would make Postgres refuse the query). */
export const isUuid = (id: string) => UUID.test(id);
