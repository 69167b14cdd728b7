import type { ReactNode } from 'react';
import { ForbiddenPage } from '../pages/ForbiddenPage';
import { useSession } from '../session/context';

/**
 * Shows `children` to admins and a "not allowed" page to everyone else. Use inside `<RequireSession>`, which
 * sends signed-out readers to sign in first. The hub checks the role again on every admin request.
 */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const { account } = useSession();
  return account?.role === 'admin' ? children : <ForbiddenPage />;
}
