/**
 * What the page shows, kept in its address so reload, back and shared links (the bell's) work. The Space server
 * answers every page path with the app; anything unknown is the timeline.
 */
export type Route =
  | { page: 'timeline' }
  | { page: 'space'; sub: string | null; tab: SpaceTab }
  | { page: 'post'; id: string }
  | { page: 'write'; id: string | null }
  | { page: 'drafts' }
  | { page: 'album'; id: string }
  | { page: 'newAlbum' }
  | { page: 'search'; q: string }
  | { page: 'settings' }
  | { page: 'reports' };

export type SpaceTab = 'posts' | 'moments' | 'albums';
const TABS: readonly SpaceTab[] = ['posts', 'moments', 'albums'];

/** The route of a page address. `/me` is one's own space (`sub: null`). */
export function parseRoute(pathname: string, search: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(safeDecode);
  const params = new URLSearchParams(search);
  const tabParam = params.get('tab') ?? '';
  const tab: SpaceTab = (TABS as readonly string[]).includes(tabParam) ? (tabParam as SpaceTab) : 'moments';
  const [first, second] = parts;
  switch (first) {
    case 'me':
      return { page: 'space', sub: null, tab };
    case 'u':
      return second ? { page: 'space', sub: second, tab } : { page: 'timeline' };
    case 'p':
      return second ? { page: 'post', id: second } : { page: 'timeline' };
    case 'write':
      return { page: 'write', id: second ?? null };
    case 'drafts':
      return { page: 'drafts' };
    case 'albums':
      if (second === 'new') return { page: 'newAlbum' };
      return second ? { page: 'album', id: second } : { page: 'space', sub: null, tab: 'albums' };
    case 'search':
      return { page: 'search', q: params.get('q')?.trim() ?? '' };
    case 'settings':
      return { page: 'settings' };
    case 'admin':
      return second === 'reports' ? { page: 'reports' } : { page: 'timeline' };
    default:
      return { page: 'timeline' };
  }
}

/** The page address of a route. */
export function routePath(route: Route): string {
  const id = (value: string) => encodeURIComponent(value);
  switch (route.page) {
    case 'timeline':
      return '/';
    case 'space': {
      const base = route.sub ? `/u/${id(route.sub)}` : '/me';
      return route.tab === 'moments' ? base : `${base}?tab=${route.tab}`;
    }
    case 'post':
      return `/p/${id(route.id)}`;
    case 'write':
      return route.id ? `/write/${id(route.id)}` : '/write';
    case 'drafts':
      return '/drafts';
    case 'album':
      return `/albums/${id(route.id)}`;
    case 'newAlbum':
      return '/albums/new';
    case 'search':
      return route.q ? `/search?${new URLSearchParams({ q: route.q })}` : '/search';
    case 'settings':
      return '/settings';
    case 'reports':
      return '/admin/reports';
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
