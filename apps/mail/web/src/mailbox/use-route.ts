import { useCallback, useEffect, useState } from 'react';
import { parseRoute, type Route, routePath } from '../lib/route';

const current = () => parseRoute(window.location.pathname, window.location.search);

/** The page's route, following the address bar: `navigate` pushes a new entry, back and forward work. */
export function useRoute() {
  const [route, setRoute] = useState<Route>(current);

  useEffect(() => {
    const onPopState = () => setRoute(current());
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const navigate = useCallback((next: Route, options: { replace?: boolean } = {}) => {
    const path = routePath(next);
    if (path !== window.location.pathname + window.location.search) {
      if (options.replace) window.history.replaceState(null, '', path);
      else window.history.pushState(null, '', path);
    }
    setRoute(current());
  }, []);

  return { route, navigate };
}
