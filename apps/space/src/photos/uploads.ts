import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { SpaceCore, SpaceTx } from '../deps.js';
import { photos } from '../schema.js';
import { type AlbumRow, afterPhotosJoined, nextPosition, ownAlbum } from './albums.js';
import { storageFull } from './errors.js';
import type { Photos } from './library.js';
import { type ProcessedPhoto, processPhoto } from './process.js';
import { photoKey } from './store.js';
import { fileName, type PhotoRow } from './view.js';

const MIB = 1024 * 1024;

/** Photo storage: what an owner's photos take and what their membership allows (`space.storage_mb`). */
export function createStorage(core: Pick<SpaceCore, 'db' | 'orbit'>) {
  return {
    /** Bytes of every stored file of `owner`'s photos (in `tx` when given, so a check and an insert agree). */
    async usedBytes(owner: string, tx?: SpaceTx): Promise<number> {
      const [row] = await (tx ?? core.db)
        .select({ used: sql<string | null>`sum(${photos.storedBytes})` })
        .from(photos)
        .where(eq(photos.ownerSub, owner.toLowerCase()));
      return Number(row?.used ?? 0);
    },
    /** The most bytes `owner` may keep. */
    async limitBytes(owner: string): Promise<number> {
      return Math.floor((await core.orbit.perk({ sub: owner }, 'space.storage_mb')) * MIB);
    },
  };
}

/** One file of an upload, processed and in the photo store, waiting for its row. */
interface StoredFile {
  id: string;
  key: string;
  photo: Omit<ProcessedPhoto, 'original' | 'display' | 'thumb'>;
}

/**
 * Uploads, one batch per request: each file is processed and written to the photo store as soon as it has been
 * read (so a request holds one file's bytes at a time, not twenty), the storage perk checked as it grows; then
 * `commit` records every row in one transaction — after the storage check again, under a per-owner lock, so two
 * uploads at once can't both squeeze into the last megabytes. `abort` (on any failure, before or during the
 * commit) deletes what was written: nothing half-written stays behind.
 */
export function createUploads(core: SpaceCore, library: Pick<Photos, 'purgeFiles'>) {
  const { db, clock, config, photoStore } = core;
  const storage = createStorage(core);

  return {
    storage,

    /** Starts `owner`'s upload; refuses it at once (413 `space.storage_full`) when their storage is full. */
    async begin(owner: string) {
      const ownerSub = owner.toLowerCase();
      const limitBytes = await storage.limitBytes(ownerSub);
      const usedBefore = await storage.usedBytes(ownerSub);
      if (usedBefore >= limitBytes) throw storageFull(usedBefore, limitBytes);
      const stored: StoredFile[] = [];
      let batchBytes = 0;

      return {
        /** Processes the `index`-th file and writes its three files (refusals: see `processPhoto`). */
        async add(bytes: Buffer, index: number): Promise<void> {
          const { original, display, thumb, ...photo } = await processPhoto(bytes, {
            maxPixels: config.space.maxPhotoPixels,
            index,
          });
          batchBytes += photo.storedBytes;
          if (usedBefore + batchBytes > limitBytes) throw storageFull(usedBefore, limitBytes);
          const id = randomUUID();
          const key = photoKey(ownerSub, id);
          // Listed before writing, so `abort` deletes a folder even if a write failed halfway.
          stored.push({ id, key, photo });
          await photoStore.put(photoKey(key, fileName('original', photo.format)), original);
          await photoStore.put(photoKey(key, fileName('display', photo.format)), display);
          await photoStore.put(photoKey(key, fileName('thumb', photo.format)), thumb);
        },

        /** Records the photos added, in order, with their captions (into `albumId` when given: 404 if not theirs). */
        async commit(captions: readonly string[], albumId?: string): Promise<PhotoRow[]> {
          return db.transaction(async (tx) => {
            // Serialises an owner's uploads from the usage check to the commit.
            await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`space.photos:${ownerSub}`}))`);
            const used = await storage.usedBytes(ownerSub, tx);
            if (used + batchBytes > limitBytes) throw storageFull(used, limitBytes);
            let album: AlbumRow | undefined;
            let position = 0;
            if (albumId) {
              album = await ownAlbum(tx, ownerSub, albumId);
              position = await nextPosition(tx, albumId);
            }
            const now = clock.now();
            const rows = await tx
              .insert(photos)
              .values(
                stored.map(({ id, key, photo }, i) => ({
                  id,
                  ownerSub,
                  albumId: albumId ?? null,
                  position: position + i,
                  caption: captions[i] ?? '',
                  format: photo.format,
                  width: photo.width,
                  height: photo.height,
                  storedBytes: photo.storedBytes,
                  storageKey: key,
                  createdAt: now,
                })),
              )
              .returning();
            const ids = stored.map((file) => file.id);
            if (album) await afterPhotosJoined(tx, album, ids, now);
            // `returning` need not keep the order of `values`: answer in the upload's order.
            return ids.map((id) => rows.find((row) => row.id === id) as PhotoRow);
          });
        },

        /** Deletes every file this upload wrote (its rows, if any, were never committed). */
        abort: () => library.purgeFiles(stored.map((file) => file.key)),
      };
    },
  };
}

export type Uploads = ReturnType<typeof createUploads>;
