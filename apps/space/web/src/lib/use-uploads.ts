import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/space';
import type { Photo } from '../api/types';

/** One file on its way to Space: a local preview at once, its progress, then the stored photo. */
export interface Upload {
  key: string;
  file: File;
  /** An object URL of the file itself, shown while it uploads. */
  preview: string;
  /** 0 to 1. */
  progress: number;
  status: 'uploading' | 'done' | 'failed';
  photo?: Photo;
  error?: unknown;
  caption: string;
}

/**
 * Photos uploaded one request per file (`POST /api/photos`), so each shows its own progress and one refused
 * file (too large, not a photo) leaves the others. `albumId` files them into an album; otherwise they wait,
 * unattached, for the moment or post that uses them. Removing one that arrived deletes it on the server.
 */
export function useUploads({ albumId, limit }: { albumId?: string; limit?: number } = {}) {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const controllers = useRef(new Map<string, AbortController>());
  const previews = useRef(new Set<string>());

  const patch = useCallback((key: string, change: Partial<Upload>) => {
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));
  }, []);

  const start = useCallback(
    (upload: Upload) => {
      const controller = new AbortController();
      controllers.current.set(upload.key, controller);
      api
        .upload([{ file: upload.file, caption: upload.caption }], {
          ...(albumId ? { albumId } : {}),
          signal: controller.signal,
          onProgress: ({ loaded, total }) => patch(upload.key, { progress: total > 0 ? loaded / total : 0 }),
        })
        .then(
          ([photo]) => patch(upload.key, { status: 'done', progress: 1, ...(photo ? { photo } : {}) }),
          (error: unknown) => {
            if (!controller.signal.aborted) patch(upload.key, { status: 'failed', error });
          },
        )
        .finally(() => controllers.current.delete(upload.key));
    },
    [albumId, patch],
  );

  /** Adds files (past `limit`, the rest are left out: answers how many were). */
  const add = useCallback(
    (files: File[], taken: number): number => {
      const room = limit === undefined ? files.length : Math.max(0, limit - taken);
      const chosen = files.slice(0, room);
      const added = chosen.map((file): Upload => {
        const preview = URL.createObjectURL(file);
        previews.current.add(preview);
        return { key: crypto.randomUUID(), file, preview, progress: 0, status: 'uploading', caption: '' };
      });
      setUploads((list) => [...list, ...added]);
      for (const upload of added) start(upload);
      return files.length - chosen.length;
    },
    [limit, start],
  );

  const remove = useCallback((key: string) => {
    controllers.current.get(key)?.abort();
    setUploads((list) => {
      const gone = list.find((u) => u.key === key);
      if (gone) {
        URL.revokeObjectURL(gone.preview);
        previews.current.delete(gone.preview);
        if (gone.photo) void api.deletePhoto(gone.photo.id).catch(() => undefined);
      }
      return list.filter((u) => u.key !== key);
    });
  }, []);

  /** Forgets every upload (after posting: the photos now belong to the moment). */
  const clear = useCallback(() => {
    setUploads((list) => {
      for (const u of list) URL.revokeObjectURL(u.preview);
      return [];
    });
    previews.current.clear();
  }, []);

  useEffect(
    () => () => {
      for (const controller of controllers.current.values()) controller.abort();
      for (const url of previews.current) URL.revokeObjectURL(url);
    },
    [],
  );

  const busy = uploads.some((u) => u.status === 'uploading');
  const photos = uploads.flatMap((u) => (u.status === 'done' && u.photo ? [u.photo] : []));
  return { uploads, add, remove, clear, busy, photos, setUploads };
}
