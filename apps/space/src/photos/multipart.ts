import { badUpload } from './errors.js';

/** One part of a `multipart/form-data` body. */
export interface FormPart {
  name: string;
  /** Set on a file part (possibly empty: a browser's empty file input). */
  filename: string | undefined;
  bytes: Buffer;
}

export interface MultipartLimits {
  /** The most bytes one file part may hold; `tooLarge` is thrown as soon as a part grows past it. */
  maxFileBytes: number;
  /** The most file parts; `tooManyFiles` is thrown when one more begins. */
  maxFiles: number;
  /** The most bytes of one text field, and how many text fields, before the body is refused. */
  maxFieldBytes: number;
  maxFields: number;
  /** The most bytes of the whole body (every part, with its headers and boundaries). */
  maxTotalBytes: number;
  tooLarge: () => Error;
  tooManyFiles: () => Error;
}

const CRLF = Buffer.from('\r\n');
const HEADERS_END = Buffer.from('\r\n\r\n');
const MAX_HEADER_BYTES = 8 * 1024;

/**
 * Reads a `multipart/form-data` body (RFC 7578) as it streams in, refusing it the moment a limit is passed — a
 * part too large, one file too many — instead of buffering the whole body first. Only the parts kept so far are
 * in memory — with `onFile`, only the text fields and the file being read: each file is handed over when it
 * is whole, and the body is read on once `onFile` is done. A `Content-Length` over the total limit is refused
 * before reading. Answers the parts kept, in order. Throws 400 `space.photo_bad_upload` for a body that isn't multipart or ends early.
 */
export async function readMultipart(
  contentType: string | undefined,
  contentLength: string | undefined,
  body: ReadableStream<Uint8Array> | null,
  limits: MultipartLimits,
  onFile?: (part: FormPart, index: number) => Promise<void>,
): Promise<FormPart[]> {
  const boundary = /^multipart\/form-data\b.*;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(
    contentType ?? '',
  );
  const token = boundary?.[1] ?? boundary?.[2];
  if (!token || !body) throw badUpload('Send the photos as multipart/form-data.');
  const dashBoundary = Buffer.from(`--${token}`);
  const delimiter = Buffer.from(`\r\n--${token}`);

  const parts: FormPart[] = [];
  let files = 0;
  let fields = 0;
  let state: 'preamble' | 'after-boundary' | 'headers' | 'body' | 'done' = 'preamble';
  let current: { name: string; filename: string | undefined; chunks: Buffer[]; size: number } | undefined;
  let pending: Buffer = Buffer.alloc(0);

  /** Adds bytes to the part being read, enforcing its limit. */
  const append = (bytes: Buffer) => {
    if (!current || bytes.length === 0) return;
    current.size += bytes.length;
    if (current.filename !== undefined && current.size > limits.maxFileBytes) throw limits.tooLarge();
    if (current.filename === undefined && current.size > limits.maxFieldBytes) {
      throw badUpload(`The field ${current.name} is too long.`);
    }
    current.chunks.push(bytes);
  };

  const declared = Number(contentLength ?? Number.NaN);
  if (declared > limits.maxTotalBytes) throw limits.tooLarge();
  let total = 0;
  const reader = body.getReader();
  try {
    while (state !== 'done') {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limits.maxTotalBytes) throw limits.tooLarge();
      const chunk = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      // Consume as much of what arrived as the state machine can; keep the rest for the next chunk.
      for (let progress = true; progress && state !== 'done'; ) {
        progress = false;
        if (state === 'preamble') {
          const at = pending.indexOf(dashBoundary);
          if (at < 0) {
            pending = pending.subarray(Math.max(0, pending.length - dashBoundary.length));
          } else {
            pending = pending.subarray(at + dashBoundary.length);
            state = 'after-boundary';
            progress = true;
          }
        } else if (state === 'after-boundary') {
          if (pending.length < 2) continue;
          if (pending[0] === 0x2d && pending[1] === 0x2d) {
            state = 'done';
          } else if (pending.subarray(0, 2).equals(CRLF)) {
            pending = pending.subarray(2);
            state = 'headers';
            progress = true;
          } else {
            throw badUpload('The multipart body is malformed.');
          }
        } else if (state === 'headers') {
          const at = pending.indexOf(HEADERS_END);
          if (at < 0) {
            if (pending.length > MAX_HEADER_BYTES) throw badUpload('A part’s headers are too long.');
            continue;
          }
          const disposition = partDisposition(pending.subarray(0, at).toString('utf8'));
          if (disposition.filename !== undefined) {
            if (++files > limits.maxFiles) throw limits.tooManyFiles();
          } else if (++fields > limits.maxFields) {
            throw badUpload('The upload has too many fields.');
          }
          current = { ...disposition, chunks: [], size: 0 };
          pending = pending.subarray(at + HEADERS_END.length);
          state = 'body';
          progress = true;
        } else if (state === 'body') {
          const at = pending.indexOf(delimiter);
          if (at < 0) {
            // Everything but a possible start of the delimiter belongs to the part.
            const safe = pending.length - (delimiter.length - 1);
            if (safe > 0) {
              append(pending.subarray(0, safe));
              pending = pending.subarray(safe);
            }
          } else {
            append(pending.subarray(0, at));
            if (current) {
              const part = {
                name: current.name,
                filename: current.filename,
                bytes: Buffer.concat(current.chunks),
              };
              // A file goes to `onFile` as soon as it is whole (reading waits for it), not kept to the end.
              if (part.filename !== undefined && onFile) await onFile(part, files - 1);
              else parts.push(part);
            }
            current = undefined;
            pending = pending.subarray(at + delimiter.length);
            state = 'after-boundary';
            progress = true;
          }
        }
      }
    }
  } finally {
    // Stop reading what is left (a refused upload's remaining megabytes are not read into memory).
    if (state !== 'done') await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
  if (state !== 'done') throw badUpload('The upload ended before its last part.');
  return parts;
}

/** The `name` and `filename` of a part's `Content-Disposition: form-data; name="…"; filename="…"`. */
function partDisposition(headers: string): { name: string; filename: string | undefined } {
  const line = headers.split('\r\n').find((h) => /^content-disposition\s*:/i.test(h));
  if (!line || !/:\s*form-data\b/i.test(line)) throw badUpload('A part has no form-data disposition.');
  const param = (key: string) => {
    const match = new RegExp(`;\\s*${key}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(line);
    return match?.[1]?.replace(/\\(.)/g, '$1');
  };
  const name = param('name');
  if (name === undefined) throw badUpload('A part has no name.');
  return { name, filename: param('filename') };
}
