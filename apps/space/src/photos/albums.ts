import type { Audience } from '@orbit/contracts';
import { invalidRequest } from '@orbit/http';
import { and, asc, desc, eq, gt, or, sql } from 'drizzle-orm';
import { photoUrls } from '../contracts/common.js';
import { ALBUM_PAGE_SIZE, type AlbumView } from '../contracts/photos.js';
import type { SpaceCore, SpaceTx } from '../deps.js';
import { notFound } from '../errors.js';
import { albums, photos } from '../schema.js';
import { notInAlbum } from './errors.js';
import { forgetAsCover, isUuid, type Photos } from './library.js';
import { type PhotoRow, photoView } from './view.js';

export type AlbumRow = typeof albums.$inferSelect;

/** An album as the API shows it. */
export function albumView(row: AlbumRow): AlbumView {
  return {
    id: row.id,
    ownerSub: row.ownerSub,
    title: row.title,
    description: row.description,
    audience: row.audience,
    photoCount: row.photoCount,
    coverPhotoId: row.coverPhotoId,
    coverThumb: row.coverPhotoId ? photoUrls(row.coverPhotoId).thumb : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The owner's album `id` in the caller's transaction, locked for the change; 404 when it isn't theirs. */
export async function ownAlbum(tx: SpaceTx, owner: string, id: string): Promise<AlbumRow> {
  const [row] = await tx
    .select()
    .from(albums)
    .where(and(eq(albums.id, id), eq(albums.ownerSub, owner.toLowerCase())))
    .for('update');
  if (!row) throw notFound();
  return row;
}

/**
 * After photos left `albumId` (deleted or moved): its count and `updatedAt`, and a new cover — the first photo
 * left — when the cover was one of them.
 */
export async function afterPhotosLeft(tx: SpaceTx, albumId: string, left: readonly string[], now: Date) {
  if (left.length === 0) return;
  const [album] = await tx.select().from(albums).where(eq(albums.id, albumId));
  if (!album) return;
  let coverPhotoId = album.coverPhotoId;
  if (coverPhotoId && left.includes(coverPhotoId)) {
    const [first] = await tx
      .select({ id: photos.id })
      .from(photos)
      .where(eq(photos.albumId, albumId))
      .orderBy(asc(photos.position), asc(photos.createdAt), asc(photos.id))
      .limit(1);
    coverPhotoId = first?.id ?? null;
  }
  await tx
    .update(albums)
    .set({
      photoCount: sql`greatest(${albums.photoCount} - ${left.length}, 0)`,
      coverPhotoId,
      updatedAt: now,
    })
    .where(eq(albums.id, albumId));
}

/** After photos joined `albumId`: its count, `updatedAt`, and the first of them as cover when it has none. */
export async function afterPhotosJoined(tx: SpaceTx, album: AlbumRow, joined: readonly string[], now: Date) {
  if (joined.length === 0) return;
  await tx
    .update(albums)
    .set({
      photoCount: sql`${albums.photoCount} + ${joined.length}`,
      coverPhotoId: album.coverPhotoId ?? joined[0] ?? null,
      updatedAt: now,
    })
    .where(eq(albums.id, album.id));
}

/** The next free position at the end of `albumId`. */
export async function nextPosition(tx: SpaceTx, albumId: string): Promise<number> {
  const [row] = await tx
    .select({ last: sql<number | null>`max(${photos.position})` })
    .from(photos)
    .where(eq(photos.albumId, albumId));
  return row?.last == null ? 0 : Number(row.last) + 1;
}

/** Albums: made, listed, read, changed and deleted, each seen only by whom its audience lets in. */
export function createAlbums(core: SpaceCore, library: Pick<Photos, 'purgeFiles'>) {
  const { db, clock, audiences, visibility } = core;

  /** The audience to keep: the one given (checked against the owner's friends and groups), else the default. */
  async function chosenAudience(owner: string, given: Audience | undefined) {
    return given ? audiences.check(owner, given) : audiences.defaultFor(owner);
  }

  return {
    /** Creates an album of `owner`'s; an audience given becomes the owner's next default. */
    async create(owner: string, input: { title: string; description: string; audience?: Audience }) {
      const audience = await chosenAudience(owner, input.audience);
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(albums)
          .values({
            ownerSub: owner.toLowerCase(),
            title: input.title,
            description: input.description,
            audience,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        if (input.audience) await audiences.remember(tx, owner, audience);
        return row as AlbumRow;
      });
    },

    /** The albums of `owner` that `viewer` may see, newest updated first. */
    async list(viewer: string | null, owner: string): Promise<AlbumRow[]> {
      const rows = await db
        .select()
        .from(albums)
        .where(eq(albums.ownerSub, owner.toLowerCase()))
        .orderBy(desc(albums.updatedAt), desc(albums.id));
      return visibility.filter(viewer, rows);
    },

    /**
     * The album `id` and a page of its photos (60, in order) if `viewer` may see it, else 404. `cursor` is the
     * `next` of the page before.
     */
    async get(viewer: string | null, id: string, cursor: string | undefined) {
      const [album] = await db.select().from(albums).where(eq(albums.id, id));
      if (!album || !(await visibility.canSee(viewer, album))) throw notFound();
      const after = cursor === undefined ? undefined : parseCursor(cursor);
      const rows: PhotoRow[] = await db
        .select()
        .from(photos)
        .where(
          and(
            eq(photos.albumId, id),
            after
              ? or(
                  gt(photos.position, after.position),
                  and(eq(photos.position, after.position), gt(photos.id, after.id)),
                )
              : undefined,
          ),
        )
        .orderBy(asc(photos.position), asc(photos.id))
        .limit(ALBUM_PAGE_SIZE + 1);
      const page = rows.slice(0, ALBUM_PAGE_SIZE);
      const last = page.at(-1);
      return {
        album,
        photos: page.map(photoView),
        next: rows.length > ALBUM_PAGE_SIZE && last ? `${last.position}.${last.id}` : null,
      };
    },

    /** Changes `owner`'s album; the cover must be one of its photos (400 `space.photo_not_in_album`). */
    async update(
      owner: string,
      id: string,
      patch: { title?: string; description?: string; audience?: Audience; coverPhotoId?: string },
    ) {
      const audience = patch.audience ? await audiences.check(owner, patch.audience) : undefined;
      return db.transaction(async (tx) => {
        await ownAlbum(tx, owner, id);
        if (patch.coverPhotoId) {
          const [cover] = await tx
            .select({ id: photos.id })
            .from(photos)
            .where(and(eq(photos.id, patch.coverPhotoId), eq(photos.albumId, id)));
          if (!cover) throw notInAlbum();
        }
        const [row] = await tx
          .update(albums)
          .set({
            ...(patch.title !== undefined ? { title: patch.title } : {}),
            ...(patch.description !== undefined ? { description: patch.description } : {}),
            ...(audience ? { audience } : {}),
            ...(patch.coverPhotoId ? { coverPhotoId: patch.coverPhotoId } : {}),
            updatedAt: clock.now(),
          })
          .where(eq(albums.id, id))
          .returning();
        if (audience) await audiences.remember(tx, owner, audience);
        return row as AlbumRow;
      });
    },

    /** Deletes `owner`'s album and its photos: the rows in one transaction, the files after it committed. */
    async remove(owner: string, id: string): Promise<void> {
      const keys = await db.transaction(async (tx) => {
        await ownAlbum(tx, owner, id);
        const gone = await tx
          .delete(photos)
          .where(eq(photos.albumId, id))
          .returning({ id: photos.id, storageKey: photos.storageKey });
        await forgetAsCover(
          tx,
          gone.map((g) => g.id),
        );
        await tx.delete(albums).where(eq(albums.id, id));
        return gone.map((g) => g.storageKey);
      });
      await library.purgeFiles(keys);
    },
  };
}

export type Albums = ReturnType<typeof createAlbums>;

/** `<position>.<photo id>`, as `get` writes `next`; anything else is a 400. */
function parseCursor(cursor: string): { position: number; id: string } {
  const [position, id] = cursor.split('.');
  if (position && id && /^\d{1,9}$/.test(position) && isUuid(id)) return { position: Number(position), id };
  throw invalidRequest([{ path: 'cursor', message: 'is not a cursor this list gave' }]);
}
