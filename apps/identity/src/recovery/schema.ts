import { index, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts, identity } from '../db/schema.js';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const emailTokenPurposes = ['verify', 'undo_change', 'password_reset'] as const;
export type EmailTokenPurpose = (typeof emailTokenPurposes)[number];

/**
 * One-time links sent by email: verify an address, undo an email change (sent to the old address), reset the
 * password. Only the SHA-256 of the token is kept; a link is spent once, and dies at `expires_at`.
 */
export const emailTokens = identity.table(
  'email_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: emailTokenPurposes }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** The address the link was sent to (to verify, or to restore on undo). */
    address: text('address').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    usedAt: timestamptz('used_at'),
  },
  // The per-account counts (throttles) and "spend every other link of the account" read by account and purpose.
  (t) => [index('email_tokens_account_idx').on(t.accountId, t.purpose, t.createdAt)],
);

export const recoverySchema = { emailTokens };
export type EmailTokenRow = typeof emailTokens.$inferSelect;
