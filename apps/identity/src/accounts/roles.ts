import { asc, eq, sql } from 'drizzle-orm';
import { accounts } from '../db/schema.js';
import type { Queryable } from '../kernel/db.js';
import { accountRoles } from './schema.js';

/*
 * Reading and writing an account's roles, below sessions and sign-in (which load them with the session): the
 * admin module grants and revokes them (admin/roles.ts), with its audit and checks.
 */

/** The account's roles, sorted; one query. */
export async function rolesOf(q: Queryable, accountId: string): Promise<string[]> {
  const rows = await q
    .select({ role: accountRoles.role })
    .from(accountRoles)
    .where(eq(accountRoles.accountId, accountId))
    .orderBy(asc(accountRoles.role));
  return rows.map((row) => row.role);
}

/** A correlated subquery: the roles of the `accounts` row in the same query, sorted (`text[]`). */
export const rolesArray = sql<string[]>`array(select ${accountRoles.role} from ${accountRoles}
  where ${accountRoles.accountId} = ${accounts.id} order by ${accountRoles.role})`;

/**
 * Inserts roles for an account (a new account, setup's first admin, the CLI). No check of the names: callers pass
 * hub roles or names they validated.
 */
export async function insertRoles(
  q: Queryable,
  accountId: string,
  roles: readonly string[],
  at: Date,
  grantedBy: string | null = null,
): Promise<void> {
  if (roles.length === 0) return;
  await q
    .insert(accountRoles)
    .values([...new Set(roles)].map((role) => ({ accountId, role, grantedBy, grantedAt: at })))
    .onConflictDoNothing();
}
