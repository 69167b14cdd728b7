import { useCallback, useEffect, useRef, useState } from 'react';

export type Load<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: unknown };

/**
 * Loads something for a page: `loading`, then `ready` or `error`. `reload()` asks again while still showing
 * what was loaded (no flash of a spinner after an action), and resolves once the answer is shown; `set()` puts in a value an action already answered.
 * Only the latest request's answer is kept, and none after unmounting.
 */
export function useLoad<T>(load: () => Promise<T>, key: string) {
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  const generation = useRef(0);
  const latest = useRef(load);
  latest.current = load;

  const run = useCallback((showLoading: boolean): Promise<void> => {
    const current = ++generation.current;
    if (showLoading) setState({ status: 'loading' });
    return latest.current().then(
      (value) => {
        if (generation.current === current) setState({ status: 'ready', value });
      },
      (error: unknown) => {
        if (generation.current === current) setState({ status: 'error', error });
      },
    );
  }, []);

  useEffect(() => {
    void key; // loads again when what it loads changes
    void run(true);
    return () => {
      generation.current++;
    };
  }, [key, run]);

  const reload = useCallback(() => run(false), [run]);
  const retry = useCallback(() => run(true), [run]);
  const set = useCallback((value: T) => {
    generation.current++;
    setState({ status: 'ready', value });
  }, []);

  return { state, reload, retry, set };
}
