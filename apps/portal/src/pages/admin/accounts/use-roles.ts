import { useEffect, useState } from 'react';
import { adminAccounts, type GrantableRole } from '../../../api/admin-accounts';

/**
 * The roles the hub knows (its own and every registered service's), for chips, the role filter and the picker.
 * Until they load, or if they can't be read, the console still knows the hub's own roles (see `roles.ts`).
 */
export function useKnownRoles(): GrantableRole[] {
  const [roles, setRoles] = useState<GrantableRole[]>([]);
  useEffect(() => {
    let cancelled = false;
    adminAccounts.grantableRoles().then(
      (loaded) => !cancelled && setRoles(loaded),
      () => {
        // Chips then show service roles by name; the hub's own are always known.
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);
  return roles;
}
