import { useOutletContext } from 'react-router';
import type { Account } from '../../api/types';
import type { SecurityState } from '../../passkeys/use-security';

/** What every section of the account center shares, from its frame (`AccountPage`). */
export interface AccountCenter {
  account: Account;
  /** Passkeys, recovery codes and the recovery notice (`GET /api/me/security`), loaded once for all sections. */
  security: SecurityState;
  /** Something changed the passkeys or recovery codes: load them (and the security log) again. */
  securityChanged: () => void;
  /** Bumped when the security log has a new entry, so a shown log loads again. */
  logVersion: number;
  logChanged: () => void;
  /** Bumped when sessions ended (a password change signs out the others), so a shown list loads again. */
  sessionsVersion: number;
  sessionsChanged: () => void;
}

/** The account center's shared state, inside one of its sections. */
export const useAccountCenter = () => useOutletContext<AccountCenter>();
