import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { FRIENDS_TABS, tabPath } from '../../friends/friends';

/**
 * The Friends area's tabs: a row of links (the current one marked `aria-current="page"` by NavLink), five equal
 * columns on a phone. Requests carries the count of received requests waiting for an answer, as QQ's red dot.
 */
export function FriendsNav({ waiting }: { waiting: number | null }) {
  const { t } = useTranslation();
  return (
    <nav className="friends-nav" aria-label={t('friends.nav.label')}>
      <ul className="friends-tabs">
        {FRIENDS_TABS.map((tab) => (
          <li key={tab}>
            <NavLink
              to={tabPath(tab)}
              end={tab === 'friends'}
              className="friends-tab"
              data-testid={`friends-nav-${tab}`}
            >
              <span className="friends-tab-label">{t(`friends.nav.${tab}`)}</span>
              {tab === 'requests' && waiting !== null && waiting > 0 && (
                <span className="count-badge" data-testid="friends-requests-count" data-count={waiting}>
                  <span aria-hidden="true">{waiting > 99 ? '99+' : waiting}</span>
                  <span className="visually-hidden">{t('friends.nav.newRequests', { count: waiting })}</span>
                </span>
              )}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
