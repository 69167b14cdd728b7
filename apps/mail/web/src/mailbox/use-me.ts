import { useCallback, useEffect, useRef, useState } from 'react';
import { mail } from '../api/mail';
import type { Me } from '../api/types';

export type MeState =
  | { status: 'loading' }
  | { status: 'ready'; me: Me }
  | { status: 'error'; error: unknown };

/** How often the unread count and storage use are asked for again while the page is open. */
const POLL_MS = 60_000;

/**
 * Who is signed in, their storage use and unread count. Asked again on `refresh()` (after reading, sending,
 * deleting…), every minute, and when the tab becomes visible. A failed refresh keeps what was shown.
 */
export function useMe() {
  const [state, setState] = useState<MeState>({ status: 'loading' });
  const generation = useRef(0);

  const load = useCallback(async (initial: boolean) => {
    const current = ++generation.current;
    if (initial) setState({ status: 'loading' });
    try {
      const me = await mail.me();
      if (generation.current === current) setState({ status: 'ready', me });
    } catch (error) {
      if (generation.current === current && initial) setState({ status: 'error', error });
    }
  }, []);

  const refresh = useCallback(() => void load(false), [load]);
  const retry = useCallback(() => void load(true), [load]);

  useEffect(() => {
    void load(true);
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void load(false);
    }, POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void load(false);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      generation.current++;
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [load]);

  return { state, refresh, retry };
}
