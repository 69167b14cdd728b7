import { and, asc, eq } from 'drizzle-orm';
import { accountRoles, rolesOf } from '../accounts/index.js';
import type { Clock } from '../clock.js';
import { accounts } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import type { AuditActor } from '../kernel/actor.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import { HUB_ROLES, isHubRole } from '../kernel/permissions.js';
import type { SecurityLog } from '../security/index.js';
import type { AuditLog } from './audit.js';
import { ADMIN_ERRORS } from './errors.js';

/** A role a service's manifest declares (`news.editor`); SERVICE-ROLES' `registry.declaredRoles()`. */
export interface DeclaredRole {
  role: string;
}

export const lastAdmin = () => ADMIN_ERRORS.roleLastAdmin.error();

const unknownRole = (role: string) =>
  new AppError(400, 'role.unknown', `There is no role "${role}".`, [
    { path: 'role', message: 'Choose a hub role or a role a service declares.' },
  ]);

const accountNotFound = () => ADMIN_ERRORS.accountNotFound.error();

/**
 * 409 `role.last_admin` when removing `accountId` from the admins (demotion or deletion) would leave none. Locks
 * every admin's role row (in a stable order, so two demotions can't deadlock) until the caller's transaction ends:
 * two admins demoting each other at once are serialised, and the second sees only one admin left.
 */
export async function refuseLastAdmin(q: Queryable, accountId: string): Promise<void> {
  const admins = await q
    .select({ accountId: accountRoles.accountId })
    .from(accountRoles)
    .where(eq(accountRoles.role, 'admin'))
    .orderBy(asc(accountRoles.accountId))
    .for('update');
  if (admins.some((a) => a.accountId === accountId) && admins.length <= 1) throw lastAdmin();
}

/** Granting and revoking roles; each change is audited and told to the account's owner in one transaction. */
export function createRoles(deps: {
  db: IdentityDb;
  clock: Clock;
  audit: AuditLog;
  securityLog: SecurityLog;
  /** Roles services declare in their manifests; hub roles only until the registry provides them. */
  declaredRoles?: () => Promise<readonly DeclaredRole[]>;
}) {
  const { db, clock, audit, securityLog } = deps;

  async function assertKnown(role: string): Promise<void> {
    if (isHubRole(role)) return;
    const declared = (await deps.declaredRoles?.()) ?? [];
    if (!declared.some((d) => d.role === role)) throw unknownRole(role);
  }

  async function targetOf(q: Queryable, accountId: string) {
    const [row] = await q
      .select({ id: accounts.id, handle: accounts.handle })
      .from(accounts)
      .where(eq(accounts.id, accountId))
      .for('update');
    if (!row) throw accountNotFound();
    return { type: 'account', id: row.id, label: `@${row.handle}` };
  }

  return {
    hubRoles: HUB_ROLES,
    of: (accountId: string, q: Queryable = db) => rolesOf(q, accountId),

    /** Every role an admin may grant: the hub's and those services declare. */
    async grantable(): Promise<string[]> {
      const declared = (await deps.declaredRoles?.()) ?? [];
      return [...HUB_ROLES, ...declared.map((d) => d.role)];
    },

    /** Grants a role (400 `role.unknown` for one nobody declares); answers the account's roles. Idempotent. */
    async grant(
      actor: AuditActor,
      accountId: string,
      role: string,
    ): Promise<{ roles: string[]; changed: boolean }> {
      await assertKnown(role);
      return db.transaction(async (tx) => {
        const target = await targetOf(tx, accountId);
        const [inserted] = await tx
          .insert(accountRoles)
          .values({ accountId, role, grantedBy: actor.accountId, grantedAt: clock.now() })
          .onConflictDoNothing()
          .returning({ role: accountRoles.role });
        if (inserted) {
          await audit.record(tx, actor, { action: 'role.granted', target, details: { role } });
          await securityLog.record(
            {
              ip: actor.ip,
              userAgent: actor.userAgent,
              accountId,
              type: 'role.granted',
              details: { role, by: actor.label },
            },
            tx,
          );
        }
        return { roles: await rolesOf(tx, accountId), changed: inserted !== undefined };
      });
    },

    /**
     * Revokes a role: 404 `role.not_held` when the account doesn't hold it, 409 `role.last_admin` for the last
     * admin. Answers the account's roles.
     */
    async revoke(actor: AuditActor, accountId: string, role: string): Promise<{ roles: string[] }> {
      return db.transaction(async (tx) => {
        const target = await targetOf(tx, accountId);
        if (role === 'admin') await refuseLastAdmin(tx, accountId);
        const [removed] = await tx
          .delete(accountRoles)
          .where(and(eq(accountRoles.accountId, accountId), eq(accountRoles.role, role)))
          .returning({ role: accountRoles.role });
        if (!removed) throw ADMIN_ERRORS.roleNotHeld.error();
        await audit.record(tx, actor, { action: 'role.revoked', target, details: { role } });
        await securityLog.record(
          {
            ip: actor.ip,
            userAgent: actor.userAgent,
            accountId,
            type: 'role.revoked',
            details: { role, by: actor.label },
          },
          tx,
        );
        return { roles: await rolesOf(tx, accountId) };
      });
    },

    /** Whether any account is an admin (setup may run only while none is). */
    async hasAdmin(q: Queryable = db): Promise<boolean> {
      const rows = await q
        .select({ id: accountRoles.accountId })
        .from(accountRoles)
        .where(eq(accountRoles.role, 'admin'))
        .limit(1);
      return rows.length > 0;
    },
  };
}

export type Roles = ReturnType<typeof createRoles>;
