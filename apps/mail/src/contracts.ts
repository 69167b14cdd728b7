/**
 * Mail's API, declared once (apps/mail/API.md): every route's params, query, body and answer as zod schemas and
 * endpoint declarations. The server binds its handlers to these (`http/routes.ts`), serves the OpenAPI document
 * from them (`GET /api/openapi.json`), and the web UI takes its types from them — so this file imports nothing
 * but zod and `@orbit/contracts`: no server code reaches the browser build.
 */
import { badges, endpoint } from '@orbit/contracts';
import { z } from 'zod';

export const MAX_SUBJECT_LENGTH = 300;
/** Characters of HTML or text in one body; the routes' body limit is the outer bound. */
export const MAX_BODY_LENGTH = 1_000_000;
export const MAX_ATTACHMENTS = 20;
/** Recipients of one message, `to` and `cc` each. */
export const MAX_RECIPIENTS = 50;
/** Accounts per `GET /api/badges`. */
export const MAX_BADGE_SUBS = 100;

const instant = z.string().describe('ISO 8601 date-time');

/** An account as Mail writes it on a message. */
export const address = z
  .object({ sub: z.uuid(), accountNumber: z.string(), handle: z.string(), displayName: z.string() })
  .meta({ id: 'MailAddress', description: 'An account as Mail writes it on a message.' });
export type Address = z.infer<typeof address>;

export const FOLDERS = ['inbox', 'sent', 'drafts', 'trash'] as const;
export type Folder = (typeof FOLDERS)[number];
/** What `GET /api/messages` may list: a folder, or every folder but the trash. */
export const folderViews = [...FOLDERS, 'all'] as const;
export type FolderView = (typeof folderViews)[number];

/** A message as listings show it (`GET /api/messages`). */
export const messageSummary = z
  .object({
    /** This mailbox copy's id. */
    id: z.uuid(),
    threadId: z.uuid(),
    folder: z.enum(FOLDERS),
    from: address,
    to: z.array(address),
    cc: z.array(address),
    subject: z.string(),
    /** The first ~140 characters of the text. */
    snippet: z.string(),
    /** The sent time, or when a draft was last saved. */
    date: instant,
    read: z.boolean(),
    starred: z.boolean(),
    attachmentCount: z.number().int(),
    /** Bytes this copy counts against its owner's quota. */
    size: z.number().int(),
  })
  .meta({ id: 'MessageSummary', description: 'A message as listings show it.' });
export type MessageSummary = z.infer<typeof messageSummary>;

export const attachmentView = z
  .object({ id: z.uuid(), filename: z.string(), contentType: z.string(), size: z.number().int() })
  .meta({ id: 'Attachment' });
export type Attachment = z.infer<typeof attachmentView>;

/** A whole message (`GET /api/messages/:id`). */
export const message = messageSummary
  .extend({
    /** Sanitised by the server when written: safe to render. */
    bodyHtml: z.string(),
    bodyText: z.string(),
    attachments: z.array(attachmentView),
    /** The reader's own copy of the message this one answers, if they still have it. */
    inReplyTo: z.uuid().nullable(),
    /** Drafts only: recipients as typed. */
    draftTo: z.array(z.string()).optional(),
    draftCc: z.array(z.string()).optional(),
  })
  .meta({ id: 'Message', description: 'A whole message.' });
export type Message = z.infer<typeof message>;

export const messagePage = z.object({ messages: z.array(messageSummary), nextCursor: z.string().nullable() });
export type MessagePage = z.infer<typeof messagePage>;

/** `GET /api/me`: the user, their mailbox's numbers and what their membership raised. */
export const me = z.object({
  user: address,
  quota: z.object({ usedBytes: z.number(), limitBytes: z.number() }),
  limits: z.object({ attachmentBytes: z.number(), maxRecipients: z.number().int() }),
  unread: z.object({ inbox: z.number().int() }),
  /** The user's membership: tiers, levels, and which limits it raised above Mail's defaults. */
  membership: z.object({
    tiers: z.array(z.string()),
    vipLevel: z.number().int(),
    activityLevel: z.number().int(),
    raised: z.object({ quota: z.boolean(), attachment: z.boolean() }),
  }),
});
export type Me = z.infer<typeof me>;

/** An account number or a handle as typed; `@alice` and `Alice` both mean `alice`. */
const identifier = z.string().trim().min(1).max(100);
const recipients = z.array(identifier).max(MAX_RECIPIENTS);

/** An attachment as a client sends it: the file's bytes in base64. */
export const newAttachment = z.object({
  filename: z.string().min(1).max(1000),
  contentType: z.string().max(300).default('application/octet-stream'),
  dataBase64: z.base64(),
});
/** What the web UI sends: every field, the type given. */
export type NewAttachment = z.output<typeof newAttachment>;

const bodyFields = {
  subject: z.string().max(MAX_SUBJECT_LENGTH).optional(),
  bodyHtml: z.string().max(MAX_BODY_LENGTH).optional(),
  bodyText: z.string().max(MAX_BODY_LENGTH).optional(),
  inReplyTo: z.string().max(100).optional(),
  attachments: z.array(newAttachment).max(MAX_ATTACHMENTS).optional(),
};

/** `POST /api/drafts`, `PUT /api/drafts/:id`: every field optional; given ones replace the draft's. */
export const draftInput = z.object({
  to: recipients.optional(),
  cc: recipients.optional(),
  ...bodyFields,
  removeAttachmentIds: z.array(z.string().max(100)).max(100).optional(),
});
export type DraftInput = z.input<typeof draftInput>;

/** The fields of `POST /api/send`, before the rule below. */
export const sendFields = z.object({
  draftId: z.string().max(100).optional(),
  to: recipients.optional(),
  cc: recipients.optional(),
  ...bodyFields,
  forwardOf: z.string().max(100).optional(),
});

/** Sending a draft takes its fields, overridden by any given, so `to` and `subject` are required only without it. */
export function recipientsUnlessDraft(
  input: { draftId?: string | undefined; to?: unknown; subject?: unknown },
  ctx: z.RefinementCtx,
): void {
  if (input.draftId !== undefined) return;
  if (input.to === undefined) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Required' });
  if (input.subject === undefined) ctx.addIssue({ code: 'custom', path: ['subject'], message: 'Required' });
}

/** `POST /api/send`. */
export const sendInput = sendFields.superRefine(recipientsUnlessDraft);
export type SendInput = z.input<typeof sendInput>;

/** The `Idempotency-Key` header of a send. */
export const idempotencyKeySchema = z.string().min(8).max(200);

/** `GET /api/messages` query string. */
export const listQuery = z.object({
  folder: z.enum(folderViews).default('inbox'),
  starred: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListQuery = z.input<typeof listQuery>;

/** `PATCH /api/messages/:id`. */
export const flagsInput = z.object({ read: z.boolean().optional(), starred: z.boolean().optional() });
export type Flags = z.infer<typeof flagsInput>;

/** `?subs=<uuid>,<uuid>,…`: up to 100 accounts, each once. */
export const badgesQuery = z.object({
  subs: z
    .string()
    .transform((value) => [...new Set(value.split(',').map((sub) => sub.trim().toLowerCase()))])
    .pipe(z.array(z.uuid()).min(1).max(MAX_BADGE_SUBS)),
});

/** A message id in a path; one that isn't a UUID names nothing (404 `mail.not_found`, like another's id). */
const idParams = z.object({ id: z.string().meta({ format: 'uuid' }) });
const messageAnswer = z.object({ message });
const summaryAnswer = z.object({ message: messageSummary });

const tags = ['mail'] as const;
const auth = 'session' as const;

export const mailApi = {
  me: endpoint({
    method: 'get',
    path: '/api/me',
    summary: 'The user and their mailbox',
    tags,
    auth,
    responses: { 200: me },
  }),
  badges: endpoint({
    method: 'get',
    path: '/api/badges',
    summary: 'Accounts’ badges (VIP and activity level), null where hidden',
    tags,
    auth,
    query: badgesQuery,
    responses: { 200: z.object({ badges: z.record(z.string(), badges.nullable()) }) },
  }),
  list: endpoint({
    method: 'get',
    path: '/api/messages',
    summary: 'A page of a folder, the starred messages, or a search',
    tags,
    auth,
    query: listQuery,
    responses: { 200: messagePage },
  }),
  message: endpoint({
    method: 'get',
    path: '/api/messages/:id',
    summary: 'A whole message (marks it read)',
    tags,
    auth,
    params: idParams,
    responses: { 200: messageAnswer },
  }),
  setFlags: endpoint({
    method: 'patch',
    path: '/api/messages/:id',
    summary: 'Mark read or starred',
    tags,
    auth,
    params: idParams,
    body: flagsInput,
    responses: { 200: summaryAnswer },
  }),
  trash: endpoint({
    method: 'post',
    path: '/api/messages/:id/trash',
    summary: 'Move to the trash',
    tags,
    auth,
    params: idParams,
    responses: { 200: summaryAnswer },
  }),
  restore: endpoint({
    method: 'post',
    path: '/api/messages/:id/restore',
    summary: 'Take out of the trash',
    tags,
    auth,
    params: idParams,
    responses: { 200: summaryAnswer },
  }),
  deleteForever: endpoint({
    method: 'delete',
    path: '/api/messages/:id',
    summary: 'Delete a message in the trash for good',
    tags,
    auth,
    params: idParams,
    responses: { 204: null },
  }),
  emptyTrash: endpoint({
    method: 'post',
    path: '/api/trash/empty',
    summary: 'Empty the trash',
    tags,
    auth,
    stepUp: true,
    responses: { 200: z.object({ deleted: z.number().int() }) },
  }),
  thread: endpoint({
    method: 'get',
    path: '/api/threads/:threadId',
    summary: 'The reader’s copies in a thread, oldest first, without the trash',
    tags,
    auth,
    params: z.object({ threadId: z.string().meta({ format: 'uuid' }) }),
    responses: { 200: z.object({ messages: z.array(message) }) },
  }),
  createDraft: endpoint({
    method: 'post',
    path: '/api/drafts',
    summary: 'Save a new draft',
    tags,
    auth,
    body: draftInput,
    responses: { 201: messageAnswer },
  }),
  updateDraft: endpoint({
    method: 'put',
    path: '/api/drafts/:id',
    summary: 'Change a draft',
    tags,
    auth,
    params: idParams,
    body: draftInput,
    responses: { 200: messageAnswer },
  }),
  send: endpoint({
    method: 'post',
    path: '/api/send',
    summary: 'Send a message (or a draft); the same Idempotency-Key answers the first result again',
    description: 'Send an `Idempotency-Key` header (8–200 characters) with every send.',
    tags,
    auth,
    body: sendInput,
    responses: { 200: messageAnswer, 201: messageAnswer },
  }),
  attachment: endpoint({
    method: 'get',
    path: '/api/attachments/:id',
    summary: 'Download an attachment',
    tags,
    auth,
    params: idParams,
    responses: {
      200: { description: 'The file, with its own Content-Type.', type: 'application/octet-stream' },
    },
  }),
};

/** Every endpoint of Mail's API, in document order. */
export const mailEndpoints = Object.values(mailApi);
