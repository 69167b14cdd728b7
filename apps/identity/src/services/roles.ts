/**
 * Service roles (docs/roles-and-audit.md, "Service roles"): a service's manifest declares short role names
 * (`editor`); admins grant them at the hub as `<serviceId>.<name>` (`news.editor`) in `identity.account_roles`;
 * the service sees only its own, in the `roles` claim of the tokens issued to it.
 *
 * A role the manifest no longer declares is *retired*: its grants stay in the table (re-declaring the role brings
 * them back, and an admin can still see and revoke them) but it is not a valid role — it is not granted anew and
 * never sent in a token.
 */
import type { BilingualText, DeclaredRole, ManifestRole, RoleCatalogEntry } from '@orbit/contracts';
import { asc, count, eq, sql } from 'drizzle-orm';
import { accountRoles } from '../accounts/index.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import { services } from './schema.js';

/** A label or description in the console's languages. */
/** A role some registered service declares, by its full name. */
/** One role an admin may see in the console's role picker or on an account. */
export type { BilingualText, DeclaredRole, RoleCatalogEntry };

/** The hub's own roles, as the console shows them (their permissions are in admin/permissions.ts). */
export const HUB_ROLE_CATALOG: readonly Omit<RoleCatalogEntry, 'holders'>[] = [
  {
    role: 'admin',
    kind: 'hub',
    serviceId: null,
    label: { en: 'Administrator', 'zh-CN': '管理员' },
    description: {
      en: 'Everything in the admin console: accounts, roles, membership, services, OIDC clients.',
      'zh-CN': '管理控制台中的一切：账号、角色、会员、服务和 OIDC 客户端。',
    },
    retired: false,
  },
  {
    role: 'support',
    kind: 'hub',
    serviceId: null,
    label: { en: 'Support', 'zh-CN': '客服支持' },
    description: {
      en: 'Reads accounts and logs, unlocks accounts, resends verification. No money, roles or deletion.',
      'zh-CN': '查看账号和日志、解锁账号、重发验证邮件。不能处理付款、角色或删除账号。',
    },
    retired: false,
  },
];

/** `news.editor` → `{ serviceId: 'news', name: 'editor' }`; undefined for a hub role or anything else. */
export function splitServiceRole(role: string): { serviceId: string; name: string } | undefined {
  const dot = role.indexOf('.');
  if (dot < 1 || dot === role.length - 1) return undefined;
  return { serviceId: role.slice(0, dot), name: role.slice(dot + 1) };
}

/** The roles a manifest declares, by full name. A manifest stored before roles existed declares none. */
export function rolesOfManifest(
  serviceId: string,
  roles: readonly ManifestRole[] | undefined,
): DeclaredRole[] {
  return (roles ?? []).map((role) => ({
    role: `${serviceId}.${role.name}`,
    serviceId,
    name: role.name,
    label: { en: role.label.en, 'zh-CN': role.label['zh-CN'] },
    description: role.description ? { en: role.description.en, 'zh-CN': role.description['zh-CN'] } : null,
  }));
}

/** Every role every registered service declares (disabled ones too: a grant outlives a pause), by service. */
export async function readDeclaredRoles(q: Queryable): Promise<DeclaredRole[]> {
  const rows = await q
    .select({ id: services.id, manifest: services.manifest })
    .from(services)
    .orderBy(asc(services.id));
  return rows.flatMap((row) => rolesOfManifest(row.id, row.manifest.roles));
}

/**
 * Reads service roles: what a service's tokens carry for an account, and the catalog of every role for the
 * admin console. Granting and revoking are the roles API's (admin/), which checks service roles against
 * `declared()`.
 */
export function createServiceRoles({ db }: { db: IdentityDb }) {
  // Every token a service gets reads it: built once, and prepared once per connection on PostgreSQL.
  const claimQuery = db
    .select({ manifest: services.manifest, role: accountRoles.role })
    .from(services)
    .leftJoin(accountRoles, eq(accountRoles.accountId, sql.placeholder('accountId')))
    .where(eq(services.id, sql.placeholder('clientId')))
    .prepare('service_roles_claim');
  return {
    declared: (q: Queryable = db) => readDeclaredRoles(q),

    /**
     * The `roles` claim of a token issued to `clientId` for an account: the account's roles of that service
     * (full names, sorted) that its manifest declares today. Never a hub role, never another service's role.
     * Undefined when the client is not a registered service — an ordinary OIDC client gets no `roles` claim.
     */
    async claimFor(accountId: string, clientId: string, q: Queryable = db): Promise<string[] | undefined> {
      // One round trip on the token path: the service's manifest beside each role the account holds.
      const rows =
        q === db
          ? await claimQuery.execute({ accountId, clientId })
          : await q
              .select({ manifest: services.manifest, role: accountRoles.role })
              .from(services)
              .leftJoin(accountRoles, eq(accountRoles.accountId, accountId))
              .where(eq(services.id, clientId));
      const [first] = rows;
      if (!first) return undefined;
      const declared = new Set((first.manifest.roles ?? []).map((role) => `${clientId}.${role.name}`));
      return rows
        .map((row) => row.role)
        .filter((role): role is string => role !== null && declared.has(role))
        .sort();
    },

    /**
     * Every role an admin may meet: the hub roles, each declared service role, and each retired service role
     * still held by someone — with how many accounts hold each.
     */
    async catalog(q: Queryable = db): Promise<RoleCatalogEntry[]> {
      const declared = await readDeclaredRoles(q);
      const counted = await q
        .select({ role: accountRoles.role, holders: count() })
        .from(accountRoles)
        .groupBy(accountRoles.role)
        .orderBy(asc(accountRoles.role));
      const holders = new Map(counted.map((row) => [row.role, Number(row.holders)]));
      const known = new Set<string>([...HUB_ROLE_CATALOG.map((r) => r.role), ...declared.map((r) => r.role)]);
      const retired: RoleCatalogEntry[] = counted
        .filter((row) => !known.has(row.role) && splitServiceRole(row.role))
        .map((row) => ({
          role: row.role,
          kind: 'service',
          serviceId: splitServiceRole(row.role)?.serviceId ?? null,
          // The manifest that labelled it is gone: the name is all there is.
          label: { en: row.role, 'zh-CN': row.role },
          description: null,
          retired: true,
          holders: Number(row.holders),
        }));
      return [
        ...HUB_ROLE_CATALOG.map((entry) => ({ ...entry, holders: holders.get(entry.role) ?? 0 })),
        ...declared.map((entry) => ({
          role: entry.role,
          kind: 'service' as const,
          serviceId: entry.serviceId,
          label: entry.label,
          description: entry.description,
          retired: false,
          holders: holders.get(entry.role) ?? 0,
        })),
        ...retired,
      ];
    },
  };
}

export type ServiceRoles = ReturnType<typeof createServiceRoles>;
