import { index, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts, identity } from '../db/schema.js';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The roles an account holds: hub roles (`admin`, `support`) and service roles (`<serviceId>.<name>`, declared in
 * the service's manifest). An account without a row is an ordinary user.
 */
export const accountRoles = identity.table(
  'account_roles',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    /** Who granted it; null for the first admin (setup), the CLI, the 0014 migration, or a deleted granter. */
    grantedBy: uuid('granted_by').references(() => accounts.id, { onDelete: 'set null' }),
    grantedAt: timestamptz('granted_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.role] }), index('account_roles_role_idx').on(t.role)],
);

export const accountsSchema = { accountRoles };
export type AccountRoleRow = typeof accountRoles.$inferSelect;
