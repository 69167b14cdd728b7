import { z } from 'zod';
import { MAX_RECIPIENTS } from './ports.js';

export const MAX_SUBJECT_LENGTH = 300;
/** Characters of HTML or text in one body; the routes' body limit is the outer bound. */
export const MAX_BODY_LENGTH = 1_000_000;
export const MAX_ATTACHMENTS = 20;

/** An account number or a handle as typed; `@alice` and `Alice` both mean `alice`. */
const identifier = z.string().trim().min(1).max(100);
const recipients = z.array(identifier).max(MAX_RECIPIENTS);

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

export const newAttachmentSchema = z
  .object({
    filename: z.string().min(1).max(1000),
    contentType: z.string().max(300).default('application/octet-stream'),
    dataBase64: z.base64(),
  })
  .transform((a) => ({
    filename: cleanFilename(a.filename),
    contentType: cleanContentType(a.contentType),
    data: Buffer.from(a.dataBase64, 'base64'),
  }));

export type NewAttachment = z.output<typeof newAttachmentSchema>;

const body = {
  subject: z.string().max(MAX_SUBJECT_LENGTH),
  bodyHtml: z.string().max(MAX_BODY_LENGTH).optional(),
  bodyText: z.string().max(MAX_BODY_LENGTH).optional(),
  inReplyTo: z.string().max(100).optional(),
  attachments: z.array(newAttachmentSchema).max(MAX_ATTACHMENTS).optional(),
};

/** `POST /api/drafts`, `PUT /api/drafts/:id`: every field optional; given ones replace the draft's. */
export const draftInputSchema = z.object({
  to: recipients.optional(),
  cc: recipients.optional(),
  ...body,
  subject: body.subject.optional(),
  removeAttachmentIds: z.array(z.string().max(100)).max(100).optional(),
});

export type DraftInput = z.output<typeof draftInputSchema>;

/**
 * `POST /api/send`. Sending a draft takes its fields, overridden by any given here, so `to` and `subject` are
 * required only without `draftId`.
 */
export const sendInputSchema = z
  .object({
    draftId: z.string().max(100).optional(),
    to: recipients.optional(),
    cc: recipients.optional(),
    ...body,
    subject: body.subject.optional(),
    forwardOf: z.string().max(100).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.draftId !== undefined) return;
    if (input.to === undefined) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Required' });
    if (input.subject === undefined) ctx.addIssue({ code: 'custom', path: ['subject'], message: 'Required' });
  });

export type SendInput = z.output<typeof sendInputSchema>;

/** The `Idempotency-Key` header of a send. */
export const idempotencyKeySchema = z.string().min(8).max(200);

export const folderViews = ['inbox', 'sent', 'drafts', 'trash', 'all'] as const;
export type FolderView = (typeof folderViews)[number];

/** `GET /api/messages` query string. */
export const listQuerySchema = z.object({
  folder: z.enum(folderViews).default('inbox'),
  starred: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export type ListQuery = z.output<typeof listQuerySchema>;

/** `PATCH /api/messages/:id`. */
export const flagsSchema = z.object({ read: z.boolean().optional(), starred: z.boolean().optional() });
export type Flags = z.output<typeof flagsSchema>;
