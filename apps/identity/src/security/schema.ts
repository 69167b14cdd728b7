import { bigint, index, jsonb, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts, identity } from '../db/schema.js';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The security log: an append-only ledger of what happened to an account's security (sign-ins and failures,
 * passkeys added or removed, recovery codes used, sessions revoked, password changed…). A trigger refuses
 * updates; rows go only with their account.
 */
export const securityEvents = identity.table(
  'security_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** e.g. `sign_in.succeeded`, `sign_in.failed`, `passkey.added` (see security/log.ts). */
    type: text('type').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent').notNull().default(''),
    /** Event-specific facts: the sign-in method, the passkey's name, the session revoked… */
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [index('security_events_account_idx').on(t.accountId, t.id)],
);

export const securitySchema = { securityEvents };
export type SecurityEventRow = typeof securityEvents.$inferSelect;
