import { z } from 'zod';
import {
  draftInput,
  type FolderView,
  flagsInput,
  folderViews,
  idempotencyKeySchema,
  listQuery,
  MAX_ATTACHMENTS,
  newAttachment,
  recipientsUnlessDraft,
  sendFields,
} from '../contracts.js';

export { MAX_ATTACHMENTS, MAX_BODY_LENGTH, MAX_SUBJECT_LENGTH } from '../contracts.js';

/** A file name safe to echo in `Content-Disposition`: no path, no control characters, ≤ 255 characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const cleaned = Array.from(base.replace(/[\u0000-\u001f\u007f"]/g, '').trim())
    .slice(0, 255)
    .join('');
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'attachment' : cleaned;
}

const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** `type/subtype` in lower case, parameters dropped; anything else is served as opaque bytes. */
export function cleanContentType(type: string): string {
  const essence = (type.split(';')[0] ?? '').trim().toLowerCase();
  return MIME_TYPE.test(essence) ? essence : 'application/octet-stream';
}

/** An attachment as stored: the name and type cleaned, the bytes decoded. */
export const newAttachmentSchema = newAttachment.transform((a) => ({
  filename: cleanFilename(a.filename),
  contentType: cleanContentType(a.contentType),
  data: Buffer.from(a.dataBase64, 'base64'),
}));

export type NewAttachment = z.output<typeof newAttachmentSchema>;

const attachments = z.array(newAttachmentSchema).max(MAX_ATTACHMENTS).optional();

/**
 * `POST /api/drafts`, `PUT /api/drafts/:id`: the declared body (contracts.ts), with attachments decoded. The
 * routes validate with the declaration and read the decoded form with `.parse` of what it let through.
 */
export const draftInputSchema = draftInput.extend({ attachments });

export type DraftInput = z.output<typeof draftInputSchema>;

/** `POST /api/send`: the declared body, attachments decoded. */
export const sendInputSchema = sendFields.extend({ attachments }).superRefine(recipientsUnlessDraft);

export type SendInput = z.output<typeof sendInputSchema>;

export { type FolderView, folderViews, idempotencyKeySchema };

/** `GET /api/messages` query string. */
export const listQuerySchema = listQuery;
export type ListQuery = z.output<typeof listQuerySchema>;

/** `PATCH /api/messages/:id`. */
export const flagsSchema = flagsInput;
export type Flags = z.output<typeof flagsSchema>;
