import { useCallback, useRef, useState } from 'react';

export type ActionResult<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs one request at a time for a form or button: `pending` while it is in flight (to disable the button),
 * and the last `error` (to show it). A second run while one is in flight is ignored.
 */
export function useAction<Args extends unknown[], T>(action: (...args: Args) => Promise<T>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const inFlight = useRef(false);
  const latest = useRef(action);
  latest.current = action;

  const run = useCallback(async (...args: Args): Promise<ActionResult<T>> => {
    if (inFlight.current) return { ok: false, error: null };
    inFlight.current = true;
    setPending(true);
    setError(null);
    try {
      return { ok: true, value: await latest.current(...args) };
    } catch (caught) {
      setError(caught);
      return { ok: false, error: caught };
    } finally {
      inFlight.current = false;
      setPending(false);
    }
  }, []);

  const reset = useCallback(() => setError(null), []);

  return { run, pending, error, reset };
}
