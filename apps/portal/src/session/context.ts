import { createContext, useContext } from 'react';
import type { Account, Permission } from '../api/types';

/**
 * Who is signed in. `signed-out` says why: `signed-out` after the reader signed out here (go to sign-in),
 * `none` when there was no session or it was lost (sign in, then come back).
 */
export type SessionState =
  | { status: 'loading' }
  /** `permissions` is undefined for the moment between a sign-in and the hub's answer about them. */
  | { status: 'signed-in'; account: Account; permissions: Permission[] | undefined }
  | { status: 'signed-out'; reason: 'signed-out' | 'none' }
  | { status: 'error'; error: unknown };

export interface SessionContextValue {
  state: SessionState;
  /** The signed-in account, or null. */
  account: Account | null;
  /** What the account's roles allow in the admin console (none when signed out or an ordinary user). */
  permissions: Permission[];
  /** False only just after a sign-in, until the hub has said what the account may do. */
  permissionsKnown: boolean;
  /** Whether the signed-in account's roles give `permission`; the hub checks again on every request. */
  can(permission: Permission): boolean;
  /** After sign-in, sign-up or setup: the hub answered with the account (and its CSRF token is kept). */
  signedIn(account: Account): void;
  /** After the profile or avatar changed. */
  updateAccount(account: Account): void;
  /** Signs out this device. Rejects (staying signed in) if the hub could not be reached. */
  signOut(): Promise<void>;
  /** After this device's session was revoked from the sessions list. */
  signedOut(): void;
  /** Asks the hub again who is signed in (after a failed first check). */
  reload(): void;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}
