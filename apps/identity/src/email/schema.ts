import { sql } from 'drizzle-orm';
import { bigint, index, integer, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts, identity, locales } from '../db/schema.js';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** queued: waiting for (another) delivery attempt; sent: handed to SMTP or to the outbox; failed: given up. */
export const emailStatuses = ['queued', 'sent', 'failed'] as const;
export type EmailStatus = (typeof emailStatuses)[number];
/** Where a message went: an SMTP server, or the development outbox (printed and listed for admins). */
export const emailTransports = ['smtp', 'outbox'] as const;
export type EmailTransport = (typeof emailTransports)[number];

/**
 * Every message the hub sends, from the moment it is queued. Bodies hold live links (verification, reset), so
 * they are sealed with the hub's secret box and dropped once SMTP has taken the message; the development outbox
 * keeps them until the row is pruned, since showing them is its purpose.
 */
export const emailMessages = identity.table(
  'email_messages',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The account it was written to, when there is one (security notices, verification). */
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    to: text('to').notNull(),
    locale: text('locale', { enum: locales }).notNull(),
    /** e.g. `password_reset`, `passkey_added` (email/templates.ts). */
    template: text('template').notNull(),
    subject: text('subject').notNull(),
    /** `{ text, html }` as JSON, sealed (AES-256-GCM); null once delivered by SMTP or given up. */
    bodySealed: text('body_sealed'),
    status: text('status', { enum: emailStatuses }).notNull().default('queued'),
    transport: text('transport', { enum: emailTransports }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** The Message-ID header the message went out with. */
    messageId: text('message_id'),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
    sentAt: timestamptz('sent_at'),
  },
  (t) => [
    index('email_messages_created_idx').on(t.createdAt),
    index('email_messages_account_template_idx')
      .on(t.accountId, t.template, t.createdAt)
      .where(sql`${t.accountId} is not null`),
  ],
);

export const emailSchema = { emailMessages };
export type EmailMessageRow = typeof emailMessages.$inferSelect;
