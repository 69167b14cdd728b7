import { useCallback, useEffect, useRef, useState } from 'react';
import { security } from '../api/security';
import type { SecurityOverview } from '../api/types';

export type SecurityState =
  | { status: 'loading' }
  | { status: 'ready'; overview: SecurityOverview }
  | { status: 'error'; error: unknown };

/**
 * The account's passkeys, recovery codes and recovery notice (`GET /api/me/security`), loaded once and again
 * on `reload` (after each change, so what is shown is what the hub holds). A reload keeps the last overview on
 * screen until the new one arrives.
 */
export function useSecurityOverview(enabled = true) {
  const [state, setState] = useState<SecurityState>({ status: 'loading' });
  /** Bumped by every load and by unmounting, so only the latest answer is kept. */
  const generation = useRef(0);

  const reload = useCallback(() => {
    const current = ++generation.current;
    security.overview().then(
      (overview) => {
        if (generation.current === current) setState({ status: 'ready', overview });
      },
      (error: unknown) => {
        if (generation.current === current) setState({ status: 'error', error });
      },
    );
  }, []);

  useEffect(() => {
    if (!enabled) return;
    reload();
    return () => {
      generation.current++;
    };
  }, [enabled, reload]);

  return { state, reload };
}
