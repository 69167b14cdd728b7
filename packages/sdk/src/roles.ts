/**
 * Service roles (docs/services.md, "Roles"): the roles a service declares in its manifest (`editor`), which admins
 * grant at the hub and the hub sends as `<service id>.<name>` (`news.editor`) to that service only.
 */
import type { ServiceManifest } from './manifest.js';
import { systemPage } from './system-page.js';

/** Anything that carries a service's roles: an `OrbitUser`, or the claims of a verified access token. */
export interface WithRoles {
  roles?: readonly string[] | undefined;
}

/**
 * Whether `subject` holds a role, by short name (`editor`) or full name (`news.editor`). The SDK keeps only the
 * service's own roles in `user.roles`, and the hub puts only those in the service's tokens, so a short name is
 * the service's role of that name.
 *
 * `user.roles` is what the hub said at the service's sign-in; `orbit.requireRole()` and `orbit.roles(sub)` ask
 * the hub for the roles as they are now.
 *
 * @example
 * if (hasRole(c.get('user'), 'editor')) showEditButton();
 */
export function hasRole(subject: WithRoles | undefined, name: string): boolean {
  const roles = subject?.roles ?? [];
  return name.includes('.') ? roles.includes(name) : roles.some((role) => role.endsWith(`.${name}`));
}

/** Only the roles of service `serviceId` (the hub sends no others; checked again all the same). */
export const ownRoles = (serviceId: string, roles: unknown): string[] =>
  Array.isArray(roles)
    ? roles
        .filter((role): role is string => typeof role === 'string' && role.startsWith(`${serviceId}.`))
        .sort()
    : [];

/**
 * A role of this service by short or full name, checked against the manifest when the middleware is built: a
 * typo (`requireRole('editr')`) fails at start, not as a 403 for everyone.
 */
export function declaredRole(manifest: Pick<ServiceManifest, 'id' | 'roles'>, name: string) {
  const prefix = `${manifest.id}.`;
  const short = name.startsWith(prefix) ? name.slice(prefix.length) : name;
  const declared = manifest.roles.find((role) => role.name === short);
  if (!declared) {
    const known = manifest.roles.map((role) => role.name).join(', ') || 'none';
    throw new Error(
      `requireRole: ${name} is not a role the ${manifest.id} manifest declares (it declares: ${known}).`,
    );
  }
  return { role: `${prefix}${declared.name}`, label: declared.label };
}

/** The 403 page a browser gets from `requireRole({ page: true })`, in both of Orbit's languages. */
export const roleRequiredPage = (
  serviceName: string,
  label: { en: string; 'zh-CN': string },
  homePath: string,
) =>
  systemPage({
    serviceName,
    title: { en: 'No access', 'zh-CN': '无权访问' },
    message: {
      en: `This page of ${serviceName} needs the role “${label.en}”. Ask an Orbit administrator to grant it to you.`,
      'zh-CN': `此页面需要“${label['zh-CN']}”角色。请联系 Orbit 管理员为您授予该角色。`,
    },
    links: [{ href: homePath, label: { en: `Back to ${serviceName}`, 'zh-CN': `返回${serviceName}` } }],
  });
