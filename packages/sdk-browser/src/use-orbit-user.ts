import { type OrbitMe, SHELL_PATHS } from '@orbit/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { isLeavingPage, type OrbitClient } from './client';

export type OrbitUserState =
  | { status: 'loading' }
  | { status: 'ready'; me: OrbitMe }
  | { status: 'error'; error: unknown };

/**
 * The signed-in user, as the service shell shows them (`GET /orbit/me`, which the SDK answers): their name,
 * avatar, badges and language as the hub has them now, this service, the launcher's services and the sign-out
 * route. Read again when the tab becomes visible, so a language or avatar changed in another service or the
 * portal shows on coming back. Without a session the client sends the page to sign in (state stays `loading`).
 *
 * @example
 * const orbit = useOrbitUser(client);
 * if (orbit.state.status === 'ready') console.log(orbit.state.me.user.displayName);
 */
export function useOrbitUser(client: OrbitClient) {
  const [state, setState] = useState<OrbitUserState>({ status: 'loading' });
  const generation = useRef(0);

  const load = useCallback(
    async (initial: boolean) => {
      const current = ++generation.current;
      if (initial) setState({ status: 'loading' });
      try {
        const me = await client.get<OrbitMe>(SHELL_PATHS.me);
        if (generation.current === current) setState({ status: 'ready', me });
      } catch (error) {
        if (isLeavingPage(error)) return;
        // A failed refresh keeps what was shown; only the first load shows the error.
        if (generation.current === current && initial) setState({ status: 'error', error });
      }
    },
    [client],
  );

  useEffect(() => {
    void load(true);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void load(false);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      generation.current++;
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [load]);

  /**
   * Saves the language the user picked at the hub, so every service and the portal show it. The page switches
   * at once either way; a refusal (a service that doesn't ask for `accounts:locale`) is thrown for the caller.
   */
  const setLanguage = useCallback(
    async (locale: string) => {
      const saved = await client.put<{ locale: string }>(SHELL_PATHS.locale, { locale });
      setState((previous) =>
        previous.status === 'ready'
          ? { status: 'ready', me: { ...previous.me, user: { ...previous.me.user, locale: saved.locale } } }
          : previous,
      );
    },
    [client],
  );

  return {
    state,
    /** The user once loaded, else null. */
    user: state.status === 'ready' ? state.me.user : null,
    refresh: useCallback(() => void load(false), [load]),
    retry: useCallback(() => void load(true), [load]),
    setLanguage,
  };
}
