import {
  type AnchorHTMLAttributes,
  createContext,
  type MouseEvent,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useState,
} from 'react';
import { parseRoute, type Route, routePath } from './route';

const current = () => parseRoute(window.location.pathname, window.location.search);

interface Navigation {
  route: Route;
  navigate: (next: Route | string, options?: { replace?: boolean }) => void;
}

const NavigationContext = createContext<Navigation | null>(null);

/** The page's route, following the address bar: `navigate` pushes a new entry, back and forward work. */
export function NavigationProvider({ children }: { children: ReactNode }) {
  const [route, setRoute] = useState<Route>(current);
  useEffect(() => {
    const onPopState = () => setRoute(current());
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);
  const navigate = useCallback((next: Route | string, options: { replace?: boolean } = {}) => {
    const path = typeof next === 'string' ? next : routePath(next);
    if (path !== window.location.pathname + window.location.search) {
      if (options.replace) window.history.replaceState(null, '', path);
      else window.history.pushState(null, '', path);
    }
    setRoute(current());
    window.scrollTo(0, 0);
  }, []);
  return <NavigationContext.Provider value={{ route, navigate }}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): Navigation {
  const navigation = useContext(NavigationContext);
  if (!navigation) throw new Error('useNavigation outside NavigationProvider');
  return navigation;
}

/** A link within Space: a real `<a href>` (open in a new tab works), followed in the page on a plain click. */
export function Link({
  to,
  children,
  ...rest
}: { to: Route | string; children: ReactNode } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const { navigate } = useNavigation();
  const href = typeof to === 'string' ? to : routePath(to);
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    rest.onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
      return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a {...rest} href={href} onClick={onClick}>
      {children}
    </a>
  );
}
