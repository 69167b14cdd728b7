import { and, eq, ne, sql } from 'drizzle-orm';
import type { SpaceCore, SpaceTx } from '../deps.js';
import { notFound } from '../errors.js';
import { photos } from '../schema.js';
import { afterPhotosJoined, afterPhotosLeft, nextPosition, ownAlbum } from './albums.js';
import { photoUnusable } from './errors.js';
import { forgetAsCover, type Photos } from './library.js';
import type { PhotoRow } from './view.js';

/** The owner's photo `id`, locked for the change; 404 when it isn't theirs (or doesn't exist). */
async function ownPhoto(tx: SpaceTx, owner: string, id: string): Promise<PhotoRow> {
  const [row] = await tx
    .select()
    .from(photos)
    .where(and(eq(photos.id, id), eq(photos.ownerSub, owner.toLowerCase())))
    .for('update');
  if (!row) throw notFound();
  return row;
}

/**
 * Puts `photo` at `position` among the other photos of what holds it (its album or its post), renumbering them
 * 0, 1, 2… in their order, so positions stay dense whatever was asked.
 */
async function moveTo(tx: SpaceTx, photo: PhotoRow, position: number) {
  const holder = photo.albumId ? photos.albumId : photos.postId;
  const holderId = photo.albumId ?? photo.postId;
  if (!holderId) return;
  // Everyone else, in order, gets 0..n-1, skipping the slot the moved photo takes.
  await tx.execute(sql`
    update ${photos} as p set position = o.rank + case when o.rank >= ${position} then 1 else 0 end
    from (
      select id, (row_number() over (order by position, created_at, id) - 1)::int as rank
      from ${photos} where ${holder} = ${holderId} and id <> ${photo.id}
    ) as o
    where p.id = o.id`);
  const [count] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(photos)
    .where(and(eq(holder, holderId), ne(photos.id, photo.id)));
  await tx
    .update(photos)
    .set({ position: Math.min(position, count?.n ?? 0) })
    .where(eq(photos.id, photo.id));
}

/** Changing and deleting one photo, the owner's alone. */
export function createPhotoEdits(core: SpaceCore, library: Pick<Photos, 'purgeFiles'>) {
  const { db, clock } = core;
  return {
    /**
     * Changes `owner`'s photo: its caption, the album it is in (another of theirs; a photo on a post can't move:
     * 400 `space.photo_unusable`), its place among the photos of its album or post.
     */
    async update(
      owner: string,
      id: string,
      patch: { caption?: string; albumId?: string; position?: number },
    ): Promise<PhotoRow> {
      return db.transaction(async (tx) => {
        let photo = await ownPhoto(tx, owner, id);
        const now = clock.now();
        if (patch.albumId && patch.albumId !== photo.albumId) {
          if (photo.postId) throw photoUnusable([photo.id]);
          const target = await ownAlbum(tx, owner, patch.albumId);
          const from = photo.albumId;
          [photo] = (await tx
            .update(photos)
            .set({ albumId: target.id, position: await nextPosition(tx, target.id) })
            .where(eq(photos.id, id))
            .returning()) as [PhotoRow];
          if (from) await afterPhotosLeft(tx, from, [id], now);
          await afterPhotosJoined(tx, target, [id], now);
        }
        if (patch.position !== undefined) await moveTo(tx, photo, patch.position);
        const [row] = await tx
          .update(photos)
          .set(patch.caption !== undefined ? { caption: patch.caption } : { caption: photo.caption })
          .where(eq(photos.id, id))
          .returning();
        return row as PhotoRow;
      });
    },

    /** Deletes `owner`'s photo: it leaves its album (count, cover) or its post; the files go after commit. */
    async remove(owner: string, id: string): Promise<void> {
      const key = await db.transaction(async (tx) => {
        const photo = await ownPhoto(tx, owner, id);
        await tx.delete(photos).where(eq(photos.id, id));
        if (photo.albumId) await afterPhotosLeft(tx, photo.albumId, [id], clock.now());
        await forgetAsCover(tx, [id]);
        return photo.storageKey;
      });
      await library.purgeFiles([key]);
    },
  };
}

export type PhotoEdits = ReturnType<typeof createPhotoEdits>;
