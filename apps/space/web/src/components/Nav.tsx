import { useTranslation } from 'react-i18next';
import { useApp } from '../lib/app-context';
import { Link, useNavigation } from '../lib/navigation';
import type { Route } from '../lib/route';

/** Space's own places: the feed, one's space, writing, drafts, albums, search, settings (and reports for moderators). */
export function Nav() {
  const { t } = useTranslation();
  const { route } = useNavigation();
  const { isModerator } = useApp();
  const items: { to: Route; label: string; current: boolean; testId: string }[] = [
    {
      to: { page: 'timeline' },
      label: t('nav.timeline'),
      current: route.page === 'timeline',
      testId: 'nav-timeline',
    },
    {
      to: { page: 'space', sub: null, tab: 'moments' },
      label: t('nav.mySpace'),
      current: route.page === 'space' && route.sub === null && route.tab !== 'albums',
      testId: 'nav-my-space',
    },
    {
      to: { page: 'write', id: null },
      label: t('nav.write'),
      current: route.page === 'write',
      testId: 'nav-write',
    },
    {
      to: { page: 'drafts' },
      label: t('nav.drafts'),
      current: route.page === 'drafts',
      testId: 'nav-drafts',
    },
    {
      to: { page: 'space', sub: null, tab: 'albums' },
      label: t('nav.albums'),
      current:
        route.page === 'album' ||
        route.page === 'newAlbum' ||
        (route.page === 'space' && route.tab === 'albums'),
      testId: 'nav-albums',
    },
    {
      to: { page: 'search', q: '' },
      label: t('nav.search'),
      current: route.page === 'search',
      testId: 'nav-search',
    },
    {
      to: { page: 'settings' },
      label: t('nav.settings'),
      current: route.page === 'settings',
      testId: 'nav-settings',
    },
  ];
  if (isModerator)
    items.push({
      to: { page: 'reports' },
      label: t('nav.reports'),
      current: route.page === 'reports',
      testId: 'nav-reports',
    });
  return (
    <nav className="space-nav" aria-label={t('nav.label')}>
      <ul>
        {items.map((item) => (
          <li key={item.testId}>
            <Link to={item.to} aria-current={item.current ? 'page' : undefined} data-testid={item.testId}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
