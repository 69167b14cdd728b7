import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import type { Permission } from '../api/types';
import { ForbiddenPage } from '../pages/ForbiddenPage';
import { useSession } from '../session/context';
import { Loading } from './Loading';

/**
 * Shows `children` to staff whose roles give `permission` (any staff member when none is named) and a "not
 * allowed" page to everyone else. Use inside `<RequireSession>`, which sends signed-out readers to sign in first.
 * The hub checks the permission again on every admin request.
 */
export function RequireAdmin({ children, permission }: { children: ReactNode; permission?: Permission }) {
  const { permissions, permissionsKnown } = useSession();
  if (!permissionsKnown) return <Loading />;
  const allowed = permission ? permissions.includes(permission) : permissions.length > 0;
  return allowed ? children : <ForbiddenPage />;
}

/** Where the console starts for a staff member: its first section their permissions open. */
export function consoleHome(permissions: readonly Permission[]): string | undefined {
  if (permissions.includes('services:write')) return '/admin/services';
  if (permissions.includes('accounts:read')) return '/admin/accounts';
  if (permissions.includes('audit:read')) return '/admin/audit';
  if (permissions.includes('outbox:read')) return '/admin/outbox';
  return undefined;
}

/** `/admin`: the console's first section this staff member may open; the "not allowed" page for everyone else. */
export function AdminIndex() {
  const { permissions, permissionsKnown } = useSession();
  if (!permissionsKnown) return <Loading />;
  const home = consoleHome(permissions);
  return home ? <Navigate to={home} replace /> : <ForbiddenPage />;
}
