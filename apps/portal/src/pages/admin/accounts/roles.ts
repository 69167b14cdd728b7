import { ApiError } from '@orbit/ui/api';
import type { GrantableRole } from '../../../api/admin-accounts';

/**
 * Roles as the console shows them: the hub's own (`admin`, `support`) first, named in the reader's language, then
 * each service's (`news.editor`), named by the service's manifest, grouped by service.
 */

export const HUB_ROLES = ['admin', 'support'] as const;
export type HubRole = (typeof HUB_ROLES)[number];

export const isHubRole = (role: string): role is HubRole => (HUB_ROLES as readonly string[]).includes(role);

/** A role as a chip: its name, what to call it, and whose it is. */
export interface RoleChip {
  role: string;
  kind: 'hub' | 'service';
  /** The service a service role belongs to; null for hub roles. */
  serviceId: string | null;
  /** The hub role to translate (`admin`), or the service's label for the reader's language. */
  hubRole: HubRole | null;
  label: string;
}

/** The service of a service role (`news` for `news.editor`); null for a hub role or a malformed name. */
export function serviceOf(role: string): string | null {
  if (isHubRole(role)) return null;
  const dot = role.indexOf('.');
  return dot > 0 ? role.slice(0, dot) : null;
}

/** A label as a manifest may give it: in some languages, or (older manifests) one text for all. */
type Label = GrantableRole['label'] | Partial<Record<string, string>> | string | null;

/** A service's label in `language`, else in English, else any it has; null when it has none. */
export function labelIn(label: Label | undefined, language: string): string | null {
  if (!label) return null;
  if (typeof label === 'string') return label || null;
  const byLanguage = label as Record<string, string | undefined>;
  return byLanguage[language] || byLanguage.en || Object.values(byLanguage).find(Boolean) || null;
}

/** Hub roles in their fixed order (admin, support), then service roles by name. */
export function compareRoles(a: string, b: string): number {
  const hubA = HUB_ROLES.indexOf(a as HubRole);
  const hubB = HUB_ROLES.indexOf(b as HubRole);
  if (hubA >= 0 || hubB >= 0)
    return (hubA < 0 ? HUB_ROLES.length : hubA) - (hubB < 0 ? HUB_ROLES.length : hubB);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The chips for an account's `roles`, in order. A service role is labelled from the picker's list when it is
 * there (the service's own words), else shown by its name: a role of a service no longer registered still shows.
 */
export function roleChips(
  roles: readonly string[],
  known: readonly GrantableRole[],
  language: string,
): RoleChip[] {
  const byRole = new Map(known.map((r) => [r.role, r]));
  return [...new Set(roles)].sort(compareRoles).map((role) => {
    if (isHubRole(role)) return { role, kind: 'hub', serviceId: null, hubRole: role, label: role };
    return {
      role,
      kind: 'service',
      serviceId: byRole.get(role)?.serviceId ?? serviceOf(role),
      hubRole: null,
      label: labelIn(byRole.get(role)?.label, language) ?? role,
    };
  });
}

/** One group of the role picker: the hub's roles, or one service's. */
export interface RoleGroup {
  /** null for the hub's own roles. */
  serviceId: string | null;
  roles: RoleChip[];
}

/**
 * What the role picker offers an account holding `held`: every role not held yet, the hub's first, then each
 * service's, services in name order; never a retired role (its service no longer declares it) unless
 * `includeRetired` (the accounts filter, which finds who still holds one). Empty groups are left out.
 */
export function grantableGroups(
  known: readonly GrantableRole[],
  held: readonly string[],
  language: string,
  { includeRetired = false }: { includeRetired?: boolean } = {},
): RoleGroup[] {
  const heldSet = new Set(held);
  const offered = new Set(HUB_ROLES as readonly string[]);
  for (const r of known) if (includeRetired || !r.retired) offered.add(r.role);
  const chips = roleChips(
    [...offered].filter((role) => !heldSet.has(role)),
    known,
    language,
  );
  const groups = new Map<string | null, RoleChip[]>();
  for (const chip of chips) {
    const group = groups.get(chip.serviceId) ?? [];
    group.push(chip);
    groups.set(chip.serviceId, group);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === null ? -1 : b === null ? 1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([serviceId, roles]) => ({ serviceId, roles }));
}

/** Whether the hub refused because the role change would leave it without an administrator. */
export const isLastAdmin = (error: unknown): boolean =>
  error instanceof ApiError && error.code === 'role.last_admin';
