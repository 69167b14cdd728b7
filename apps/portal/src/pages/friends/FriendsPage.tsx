import { Suspense, useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { social } from '../../api/social';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { tabOf } from '../../friends/friends';
import { showRequestCount } from '../../friends/requests-store';
import { useLoad } from '../../lib/use-load';
import { useSession } from '../../session/context';
import type { FriendsArea } from './context';
import { FriendsNav } from './FriendsNav';

/**
 * `/friends` and its tabs (`/friends/groups`, `/requests`, `/add`, `/blocked`): the title, the tabs' navigation with
 * the count of requests waiting, and the tab the address names. The friends, groups and requests are loaded here,
 * once, and shared by the tabs (each changes them through the context). Rendered only when signed in.
 */
export function FriendsPage() {
  const { t } = useTranslation();
  const { account } = useSession();
  const location = useLocation();
  const accountId = account?.id ?? '';
  const tab = tabOf(location.pathname);
  const friends = useLoad(social.friends, accountId);
  const requests = useLoad(async () => {
    const answer = await social.requests();
    showRequestCount(accountId, answer.received.length);
    return answer;
  }, accountId);
  const content = useRef<HTMLElement>(null);
  const shownPath = useRef(location.pathname);
  const { reload: reloadFriends, retry: retryFriends } = friends;
  const { reload: reloadRequests, retry: retryRequests } = requests;

  // Another tab was chosen: keyboard and screen-reader users continue in its content, not in the tabs. What the
  // others did meanwhile (accepted, asked, removed) shows: the shared lists are asked for again, without a spinner.
  useEffect(() => {
    if (shownPath.current === location.pathname) return;
    shownPath.current = location.pathname;
    content.current?.focus({ preventScroll: true });
    void reloadFriends();
    void reloadRequests();
  }, [location.pathname, reloadFriends, reloadRequests]);

  const friendsChanged = useCallback(() => reloadFriends(), [reloadFriends]);
  const requestsChanged = useCallback(() => reloadRequests(), [reloadRequests]);

  const context = useMemo<FriendsArea | null>(
    () =>
      account && {
        accountId: account.id,
        displayName: account.displayName,
        friends: friends.state,
        friendsChanged,
        retryFriends,
        requests: requests.state,
        requestsChanged,
        retryRequests,
      },
    [account, friends.state, friendsChanged, retryFriends, requests.state, requestsChanged, retryRequests],
  );

  if (!account || !context) return null;
  const waiting = requests.state.status === 'ready' ? requests.state.value.received.length : null;

  return (
    <div className="page-wide friends-page" data-testid="friends-page" data-tab={tab ?? ''}>
      <PageTitle page={tab ? t(`friends.pageTitle.${tab}`) : t('friends.title')} />
      <header className="friends-header">
        <h1>{t('friends.title')}</h1>
        <Link
          to="/account/privacy#discoverability"
          className="friends-privacy-link"
          data-testid="friends-privacy"
        >
          {t('friends.privacyLink')}
        </Link>
      </header>
      <FriendsNav waiting={waiting} />
      <section
        className="friends-content"
        ref={content}
        tabIndex={-1}
        aria-label={tab ? t(`friends.pageTitle.${tab}`) : undefined}
        data-testid="friends-content"
      >
        {/* The tabs are lazy too (the same chunk): only the tab waits, never the frame. */}
        <Suspense fallback={<Loading />}>
          <Outlet context={context} />
        </Suspense>
      </section>
    </div>
  );
}
