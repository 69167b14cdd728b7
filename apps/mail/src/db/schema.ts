import { searchIndex, searchVector } from '@orbit/search/drizzle';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/** Everything Mail keeps lives in the `mail` schema; Mail never reads the hub's tables. */
export const mail = pgSchema('mail');

export const folders = ['inbox', 'sent', 'drafts', 'trash'] as const;
export type Folder = (typeof folders)[number];

/** Who a message is from or to, as the hub described the account at send time (like a From header). */
export interface Address {
  sub: string;
  accountNumber: string;
  handle: string;
  displayName: string;
}

const bytea = customType<{ data: Buffer; driverData: Uint8Array | Buffer }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * One row per mailbox copy: a send writes the sender's Sent copy and one Inbox copy per recipient, each owned,
 * flagged, moved and deleted on its own. A draft is a copy in `drafts` with no `send_id`.
 */
export const messages = mail.table(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The `sub` of the account whose mailbox holds this copy. */
    ownerSub: uuid('owner_sub').notNull(),
    folder: text('folder', { enum: folders }).notNull(),
    /** Where a trashed copy came from, so restore can put it back. */
    previousFolder: text('previous_folder', { enum: folders }),
    read: boolean('read').notNull().default(false),
    starred: boolean('starred').notNull().default(false),
    /** Shared by every copy of every message in one conversation. */
    threadId: uuid('thread_id').notNull(),
    /** The message-id of the send this copy came from, shared by all its copies; null for drafts. */
    sendId: uuid('send_id'),
    /** The `send_id` of the message this one answers, whoever's copy of it the reader holds. */
    inReplyToSendId: uuid('in_reply_to_send_id'),
    fromAddress: jsonb('from_address').$type<Address>().notNull(),
    toAddresses: jsonb('to_addresses').$type<Address[]>().notNull(),
    ccAddresses: jsonb('cc_addresses').$type<Address[]>().notNull(),
    /** Drafts only: recipients as typed (account numbers or handles), resolved when sent. */
    draftTo: text('draft_to').array(),
    draftCc: text('draft_cc').array(),
    subject: text('subject').notNull(),
    /** Sanitised on write; safe to render. */
    bodyHtml: text('body_html').notNull(),
    bodyText: text('body_text').notNull(),
    snippet: text('snippet').notNull(),
    /** Names, handles and account numbers of sender and recipients, written with the copy, for search. */
    participants: text('participants').notNull(),
    /** Bytes this copy counts against its owner's quota: subject, bodies and attachments. */
    size: bigint('size', { mode: 'number' }).notNull(),
    /** Sent time; for drafts, when last saved. Orders every listing. */
    date: timestamptz('date').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    /**
     * Subject, participants, attachment names and body as `@orbit/search` tokens (`searchDocument`), written
     * with the copy. Null only for copies from before migration 0003 until the start-up backfill reaches them.
     */
    search: searchVector('search'),
  },
  (t) => [
    index('messages_owner_folder_date_idx').on(t.ownerSub, t.folder, t.date, t.id),
    index('messages_owner_date_idx').on(t.ownerSub, t.date, t.id),
    // Quota checks add up one mailbox's sizes under its lock on every send: an index-only scan keeps that
    // short however large the rows' bodies are.
    index('messages_owner_size_idx').on(t.ownerSub, t.size),
    index('messages_owner_thread_idx').on(t.ownerSub, t.threadId),
    index('messages_owner_send_idx').on(t.ownerSub, t.sendId),
    index('messages_unread_idx').on(t.ownerSub).where(sql`${t.folder} = 'inbox' and not ${t.read}`),
    searchIndex('messages_search_idx', t.search),
    index('messages_search_pending_idx').on(t.id).where(sql`${t.search} is null`),
    check('messages_folder_check', sql`${t.folder} in ('inbox', 'sent', 'drafts', 'trash')`),
    check(
      'messages_previous_folder_check',
      sql`${t.previousFolder} is null or ${t.previousFolder} in ('inbox', 'sent', 'drafts')`,
    ),
    check('messages_size_check', sql`${t.size} >= 0`),
  ],
);

/** File contents, stored once per send and shared by its copies through `message_attachments`. */
export const attachments = mail.table('attachments', {
  id: uuid('id').primaryKey().defaultRandom(),
  filename: text('filename').notNull(),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  data: bytea('data').notNull(),
  createdAt: timestamptz('created_at').notNull(),
});

/**
 * Which copies carry which files. Deleting a copy drops its links; a file with no link left is deleted in the
 * same transaction.
 */
export const messageAttachments = mail.table(
  'message_attachments',
  {
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    attachmentId: uuid('attachment_id')
      .notNull()
      .references(() => attachments.id),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.messageId, t.attachmentId] }),
    index('message_attachments_attachment_idx').on(t.attachmentId),
  ],
);

/**
 * One row per send an account asked for with an `Idempotency-Key`: the primary key decides, inside the send's
 * transaction, which of several concurrent retries delivers.
 */
export const idempotencyKeys = mail.table(
  'idempotency_keys',
  {
    ownerSub: uuid('owner_sub').notNull(),
    key: text('key').notNull(),
    /** SHA-256 of the request, so a key reused for a different request is refused. */
    requestHash: text('request_hash').notNull(),
    /** The sender's Sent copy that the first request made. */
    messageId: uuid('message_id').notNull(),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ownerSub, t.key] }),
    index('idempotency_keys_created_idx').on(t.createdAt),
  ],
);

/** Sends per account in the current fixed window of each length (`minute`, `day`). */
export const sendCounts = mail.table(
  'send_counts',
  {
    ownerSub: uuid('owner_sub').notNull(),
    window: text('window', { enum: ['minute', 'day'] }).notNull(),
    windowStart: timestamptz('window_start').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ownerSub, t.window] }),
    check('send_counts_window_check', sql`${t.window} in ('minute', 'day')`),
  ],
);

export const mailSchema = { messages, attachments, messageAttachments, idempotencyKeys, sendCounts };
export type MailSchema = typeof mailSchema;

export type MessageRow = typeof messages.$inferSelect;
export type AttachmentRow = typeof attachments.$inferSelect;
