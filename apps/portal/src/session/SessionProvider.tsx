import { ApiError } from '@orbit/ui/api';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { onSessionLost } from '../api/client';
import { api } from '../api/orbit';
import type { Account } from '../api/types';
import { SessionContext, type SessionContextValue, type SessionState } from './context';

/** Loads the current session once (`GET /api/session`) and keeps it as the reader signs in and out. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    void attempt; // asks again when `reload` is called
    let cancelled = false;
    setState({ status: 'loading' });
    api.currentSession().then(
      ({ account }) => {
        if (!cancelled) setState({ status: 'signed-in', account });
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

  const signedIn = useCallback((account: Account) => setState({ status: 'signed-in', account }), []);
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

  const value = useMemo<SessionContextValue>(
    () => ({
      state,
      account: state.status === 'signed-in' ? state.account : null,
      signedIn,
      updateAccount: signedIn,
      signOut,
      signedOut,
      reload: () => setAttempt((n) => n + 1),
    }),
    [state, signedIn, signOut, signedOut],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
