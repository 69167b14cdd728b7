/** Attachments chosen in the composer, before they are sent as base64 in the JSON body. */

export interface SizedFile {
  name: string;
  size: number;
}

/** Splits the chosen files into those within the per-attachment limit and those over it. */
export function partitionBySize<T extends SizedFile>(
  files: readonly T[],
  limitBytes: number,
): { accepted: T[]; refused: T[] } {
  const accepted: T[] = [];
  const refused: T[] = [];
  for (const file of files) (file.size > limitBytes ? refused : accepted).push(file);
  return { accepted, refused };
}

/** The base64 payload of a `data:` URL (what `FileReader.readAsDataURL` gives). */
export function base64OfDataUrl(dataUrl: string): string {
  const comma = dataUrl.indexOf(',');
  return comma === -1 ? '' : dataUrl.slice(comma + 1);
}

/** A file's content as base64. */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(base64OfDataUrl(String(reader.result)));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}
