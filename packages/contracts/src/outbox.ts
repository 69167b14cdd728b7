/**
 * The hub's mail as Admin → Outbox reads it (docs/email.md): the development outbox with bodies, or with SMTP,
 * delivery status only. Zod only.
 */
import { z } from 'zod';

const instant = z.string().describe('ISO 8601');

export const OUTBOX_STATUSES = ['queued', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
/** Where a message went: an SMTP server, or the development outbox. */
export const OUTBOX_TRANSPORTS = ['smtp', 'outbox'] as const;
export type OutboxTransport = (typeof OUTBOX_TRANSPORTS)[number];
export const OUTBOX_PAGE_DEFAULT = 50;
export const OUTBOX_PAGE_MAX = 100;

/** A message as the outbox lists it (`GET /api/admin/outbox`). */
export const outboxEntry = z
  .object({
    id: z.number().int(),
    to: z.string(),
    locale: z.string(),
    template: z.string(),
    subject: z.string(),
    status: z.enum(OUTBOX_STATUSES),
    /** Null while it waits for its first attempt. */
    transport: z.enum(OUTBOX_TRANSPORTS).nullable(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: instant,
    sentAt: instant.nullable(),
  })
  .meta({ id: 'OutboxEntry' });
export type OutboxEntry = z.infer<typeof outboxEntry>;

/** One message (`GET /api/admin/outbox/:id`); the bodies only for the development outbox. */
export const outboxMessage = outboxEntry
  .extend({
    text: z.string().nullable(),
    html: z.string().nullable(),
    /** The body exists but is not shown to this reader (support: bodies carry other people's live links). */
    bodyWithheld: z.boolean(),
  })
  .meta({ id: 'OutboxMessage' });
export type OutboxMessage = z.infer<typeof outboxMessage>;

export const outboxPage = z.object({
  /** `outbox`: no SMTP is configured and messages are kept here; `smtp`: delivery status only. */
  mode: z.enum(['outbox', 'smtp']),
  messages: z.array(outboxEntry),
  /** The id to ask `before` for the next (older) page; null on the last. */
  nextBefore: z.number().int().nullable(),
});
export type OutboxPage = z.infer<typeof outboxPage>;

/** An empty query parameter (`?before=`) counts as absent. */
const blankAsAbsent = (v: unknown) => (v === '' ? undefined : v);

/** `GET /api/admin/outbox?before=&limit=`: newest first; `before` is the id of the last message shown. */
export const outboxQuery = z.object({
  before: z.preprocess(blankAsAbsent, z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional()),
  limit: z.preprocess(
    blankAsAbsent,
    z.coerce.number().int().min(1).max(OUTBOX_PAGE_MAX).default(OUTBOX_PAGE_DEFAULT),
  ),
});
