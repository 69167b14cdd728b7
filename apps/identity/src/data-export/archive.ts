import {
  type ArchiveManifest,
  COMPRESSIBLE_EXPORT_TYPE,
  EXPORT_MANIFEST_FILE,
  encodeExportFile,
} from '@orbit/contracts';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/** An archive is stored in rows of at most this many bytes (schema.ts `archive_chunks`). */
export const CHUNK_BYTES = 4 * 1024 * 1024;

/** One file of the archive as its `manifest.json` lists it. */
export type ArchiveFile = ArchiveManifest['files'][number];

/** A file to add: where, from whom, what it is, and its content (JSON values are written indented). */
export interface ArchiveEntry {
  path: string;
  source: string;
  description: string;
  /** Bytes as they are (with `contentType`), text as UTF-8, anything else as JSON. */
  data: unknown;
  contentType?: string;
}

/**
 * Writes a zip as it is made, in chunks of `CHUNK_BYTES` handed to `write` in order (0, 1, …): the archive is
 * never held whole, only the file being added. Text is compressed, other files stored as they are. `finish`
 * writes the top-level `manifest.json` that `manifest(files)` makes from every file added, and answers the
 * archive's size.
 */
export function createArchiveWriter({
  write,
  mtime,
}: {
  write: (seq: number, bytes: Uint8Array) => Promise<void>;
  mtime: Date;
}) {
  const files: ArchiveFile[] = [];
  const pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let seq = 0;
  let total = 0;
  let failure: Error | null = null;
  const zip = new Zip((error, data) => {
    if (error) failure = error;
    else {
      pending.push(data);
      pendingBytes += data.byteLength;
      total += data.byteLength;
    }
  });

  /** Writes what is pending in whole chunks, and the rest too when `all`. */
  async function flush(all: boolean) {
    if (failure) throw failure;
    if (pendingBytes === 0 || (!all && pendingBytes < CHUNK_BYTES)) return;
    const joined = new Uint8Array(pendingBytes);
    let offset = 0;
    for (const part of pending.splice(0)) {
      joined.set(part, offset);
      offset += part.byteLength;
    }
    let start = 0;
    while (joined.byteLength - start >= CHUNK_BYTES || (all && start < joined.byteLength)) {
      const end = Math.min(start + CHUNK_BYTES, joined.byteLength);
      await write(seq++, joined.subarray(start, end));
      start = end;
    }
    const rest = joined.subarray(start);
    pendingBytes = rest.byteLength;
    if (rest.byteLength > 0) pending.push(rest);
  }

  function addBytes(path: string, bytes: Uint8Array, contentType: string) {
    const file = COMPRESSIBLE_EXPORT_TYPE.test(contentType)
      ? new ZipDeflate(path, { level: 6 })
      : new ZipPassThrough(path);
    file.mtime = mtime;
    zip.add(file);
    file.push(bytes, true);
  }

  return {
    /** Adds one file and writes the chunks it completed. */
    async add(entry: ArchiveEntry): Promise<void> {
      const { bytes, contentType } = encodeExportFile(entry);
      addBytes(entry.path, bytes, contentType);
      files.push({
        path: entry.path,
        source: entry.source,
        description: entry.description,
        contentType,
        bytes: bytes.byteLength,
      });
      await flush(false);
    },

    /** Adds `manifest.json` (listing every file added, itself last) and writes the rest; the archive's size. */
    async finish(manifest: (files: ArchiveFile[]) => unknown): Promise<number> {
      const { bytes, contentType } = encodeExportFile({ path: EXPORT_MANIFEST_FILE, data: manifest(files) });
      addBytes(EXPORT_MANIFEST_FILE, bytes, contentType);
      zip.end();
      await flush(true);
      return total;
    },
  };
}
