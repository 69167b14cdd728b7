import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';

/**
 * Where photo files live, behind one small port so that an S3-compatible store can replace the local folder
 * later: keys are `/`-separated relative paths Space makes itself (`<owner>/<photo id>/display.webp`).
 */
export interface PhotoStore {
  /** Writes `bytes` at `key` whole, or not at all (a reader never sees half a file). */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The file at `key` as a web stream with its size, or null when there is none. */
  get(key: string): Promise<{ body: ReadableStream<Uint8Array>; size: number } | null>;
  /** Deletes every file under `prefix` (a photo's folder); nothing when there is none. */
  deletePrefix(prefix: string): Promise<void>;
  /**
   * The photo folders (`<owner>/<photo id>`, the storage keys rows name) last written before `before`: what the
   * sweep of orphaned files compares with the rows.
   */
  folders(before: Date): AsyncIterable<string>;
}

/** A photo store in a local folder (`SPACE_PHOTOS_DIR`, default `<ORBIT_DATA_DIR>/space-photos`). */
export function createLocalPhotoStore(root: string): PhotoStore {
  const base = resolve(root);
  /** The file for `key`, refusing any key that would leave the folder. */
  const pathOf = (key: string) => {
    const path = resolve(base, key);
    if (path === base || relative(base, path).startsWith('..') || !path.startsWith(base + sep)) {
      throw new Error(`photo key outside the store: ${key}`);
    }
    return path;
  };
  return {
    async put(key, bytes) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      // Written beside, then renamed: the rename is atomic on one file system.
      const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temporary, bytes);
      await rename(temporary, path);
    },
    async get(key) {
      const path = pathOf(key);
      try {
        const { size } = await stat(path);
        return { body: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>, size };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async deletePrefix(prefix) {
      await rm(pathOf(prefix), { recursive: true, force: true });
    },
    async *folders(before) {
      for (const owner of await subfolders(base)) {
        for (const photo of await subfolders(join(base, owner))) {
          const info = await stat(join(base, owner, photo)).catch(() => undefined);
          if (info && info.mtime < before) yield `${owner}/${photo}`;
        }
      }
    },
  };
}

/** The folders directly in `dir` (none when it doesn't exist). */
async function subfolders(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export const photoKey = (...parts: string[]) =>
  join(...parts)
    .split(sep)
    .join('/');
