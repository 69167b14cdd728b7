import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useRequestCount } from '../friends/requests-store';

/**
 * The top bar's way to Friends: two figures and the word (the figures alone below a laptop's width), with the
 * number of friend requests waiting for an answer, as QQ's red badge.
 */
export function TopBarFriends({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const waiting = useRequestCount(accountId) ?? 0;
  const label = waiting > 0 ? t('friends.topbarRequests', { count: waiting }) : t('friends.topbar');
  return (
    <NavLink
      to="/friends"
      className="button button-quiet topbar-friends"
      data-testid="nav-friends"
      title={label}
      aria-label={label}
    >
      <svg className="topbar-admin-glyph" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle cx="9" cy="8" r="3.5" fill="none" stroke="currentColor" strokeWidth="2" />
        <path
          d="M2.5 20c0-3.6 2.9-6.5 6.5-6.5s6.5 2.9 6.5 6.5"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
        />
        <path
          d="M15.5 4.8a3.5 3.5 0 0 1 0 6.4M18 13.9c2.1.9 3.5 3.2 3.5 6.1"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
        />
      </svg>
      <span className="topbar-admin-label" aria-hidden="true">
        {t('friends.topbar')}
      </span>
      {waiting > 0 && (
        <span
          className="count-badge topbar-count"
          data-testid="nav-friends-count"
          data-count={waiting}
          aria-hidden="true"
        >
          {waiting > 99 ? '99+' : waiting}
        </span>
      )}
    </NavLink>
  );
}
