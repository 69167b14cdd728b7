import { ApiError } from '@orbit/ui/api';
import { useEffect, useState } from 'react';

/** Where a link's page is: asking the hub about the token, the token is good (with what it said), or not. */
export type LinkCheck<T> =
  | { status: 'checking' }
  | { status: 'valid'; value: T }
  | { status: 'invalid' }
  | { status: 'error'; error: unknown; retry: () => void };

/** Asks the hub, once per token (and again on retry), whether the link is still good, without spending it. */
export function useLinkCheck<T>(token: string, check: (token: string) => Promise<T>): LinkCheck<T> {
  const [state, setState] = useState<LinkCheck<T>>({ status: token ? 'checking' : 'invalid' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    void attempt; // asks again when the reader retries
    if (!token) return;
    let cancelled = false;
    setState({ status: 'checking' });
    check(token).then(
      (value) => !cancelled && setState({ status: 'valid', value }),
      (error: unknown) => {
        if (cancelled) return;
        setState(
          error instanceof ApiError && error.status === 404
            ? { status: 'invalid' }
            : { status: 'error', error, retry: () => setAttempt((n) => n + 1) },
        );
      },
    );
    return () => {
      cancelled = true;
    };
  }, [token, check, attempt]);
  return state;
}
