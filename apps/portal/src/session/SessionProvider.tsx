import { ApiError } from '@orbit/ui/api';
import {
  type Dispatch,
  type ReactNode,
  type SetStateAction,
  useCallback,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { onSessionLost } from '../api/client';
import { api } from '../api/orbit';
import type { Account, Permission } from '../api/types';
import { SessionContext, type SessionContextValue, type SessionState } from './context';

/** After a sign-in: what the account may do, from `GET /api/session`, unless someone else signed in meanwhile. */
function refreshPermissions(accountId: string, setState: Dispatch<SetStateAction<SessionState>>): void {
  api.currentSession().then(
    ({ account, permissions }) =>
      setState((current) =>
        current.status === 'signed-in' && current.account.id === accountId
          ? { status: 'signed-in', account, permissions }
          : current,
      ),
    // The next page load asks again; until then the console stays closed.
    () =>
      setState((current) =>
        current.status === 'signed-in' && current.permissions === undefined
          ? { ...current, permissions: [] }
          : current,
      ),
  );
}

/** Loads the current session once (`GET /api/session`) and keeps it as the reader signs in and out. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    void attempt; // asks again when `reload` is called
    let cancelled = false;
    setState({ status: 'loading' });
    api.currentSession().then(
      ({ account, permissions }) => {
        if (!cancelled) setState({ status: 'signed-in', account, permissions });
      },
      (error: unknown) => {
        if (cancelled) return;
        if (error instanceof ApiError && error.status === 401) {
          setState({ status: 'signed-out', reason: 'none' });
        } else {
          setState({ status: 'error', error });
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  useEffect(
    () =>
      onSessionLost(() => {
        setState((current) =>
          current.status === 'signed-out' ? current : { status: 'signed-out', reason: 'none' },
        );
      }),
    [],
  );

  // A sign-in (or setup) answers the account, not its permissions: they come from `GET /api/session` next.
  const signedIn = useCallback((account: Account) => {
    setState({ status: 'signed-in', account, permissions: undefined });
    refreshPermissions(account.id, setState);
  }, []);
  // A changed profile keeps the permissions it had (roles change only through an admin).
  const updateAccount = useCallback((account: Account) => {
    setState((current) => ({
      status: 'signed-in',
      account,
      permissions:
        current.status === 'signed-in' && current.account.id === account.id ? current.permissions : undefined,
    }));
  }, []);
  const signedOut = useCallback(() => setState({ status: 'signed-out', reason: 'signed-out' }), []);

  const signOut = useCallback(async () => {
    try {
      await api.signOut();
    } catch (error) {
      // Already signed out on the hub (expired, revoked elsewhere): that is what we wanted.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    setState({ status: 'signed-out', reason: 'signed-out' });
  }, []);

  const value = useMemo<SessionContextValue>(() => {
    const permissions: Permission[] = (state.status === 'signed-in' ? state.permissions : undefined) ?? [];
    return {
      state,
      account: state.status === 'signed-in' ? state.account : null,
      permissions,
      permissionsKnown: state.status !== 'signed-in' || state.permissions !== undefined,
      can: (permission: Permission) => permissions.includes(permission),
      signedIn,
      updateAccount,
      signOut,
      signedOut,
      reload: () => setAttempt((n) => n + 1),
    };
  }, [state, signedIn, updateAccount, signOut, signedOut]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
