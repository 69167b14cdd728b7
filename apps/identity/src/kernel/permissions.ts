/**
 * Roles and what they may do. Hub roles are fixed here; service roles (`<serviceId>.<name>`) are declared by a
 * service's manifest and give no hub permission: a service enforces them itself (SDK `requireRole`).
 */

/** Roles of the hub itself. Any number of accounts may hold each; the last `admin` can't be removed. */
export const HUB_ROLES = ['admin', 'support'] as const;
export type HubRole = (typeof HUB_ROLES)[number];

export const isHubRole = (role: string): role is HubRole => (HUB_ROLES as readonly string[]).includes(role);

import { PERMISSIONS, type Permission } from '@orbit/contracts';

/** What a staff member may do in the admin API and console: `GET /api/session` tells the portal (contracts). */
export { PERMISSIONS, type Permission };

/**
 * Each hub role's permissions. Support helps people back into their accounts: reads accounts and logs, unlocks,
 * resends verification — no money, roles or deletion.
 */
export const ROLE_PERMISSIONS: Readonly<Record<HubRole, readonly Permission[]>> = {
  admin: PERMISSIONS,
  support: ['accounts:read', 'accounts:unlock', 'accounts:resend-verification', 'audit:read', 'outbox:read'],
};

/** The permissions an account's roles give, in the order of `PERMISSIONS`; none for users and service roles. */
export function permissionsOf(roles: readonly string[]): Permission[] {
  const granted = new Set<Permission>();
  for (const role of roles) {
    if (isHubRole(role)) for (const permission of ROLE_PERMISSIONS[role]) granted.add(permission);
  }
  return PERMISSIONS.filter((permission) => granted.has(permission));
}

/** Whether roles give a permission. */
export const hasPermission = (roles: readonly string[], permission: Permission): boolean =>
  permissionsOf(roles).includes(permission);

/** Staff: an account holding a hub role (it sees the admin console and its writes need a passkey). */
export const isStaff = (roles: readonly string[]): boolean => roles.some(isHubRole);

/** `<serviceId>.<name>`: the shape of a service role (the service's manifest decides whether it exists). */
export const SERVICE_ROLE_PATTERN = /^[a-z][a-z0-9-]{0,62}\.[a-z][a-z0-9_-]{1,31}$/;
