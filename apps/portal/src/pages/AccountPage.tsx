import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { PageTitle } from '../components/PageTitle';
import { RecoveryNoticeBanner } from '../passkeys/RecoveryNoticeBanner';
import { useSecurityOverview } from '../passkeys/use-security';
import { useSession } from '../session/context';
import { AccountHeader } from './account/AccountHeader';
import { AccountNav } from './account/AccountNav';
import type { AccountCenter } from './account/context';
import { legacyTarget, sectionOf } from './account/sections';
import './account/account-center.css';

/**
 * `/account` and its sections (`/account/profile`, `/security`, `/sessions`, `/apps`, `/privacy`,
 * `/membership`): who you are, the sections' navigation, and the section the address names (docs/account-center.md).
 * The security overview and the "something changed" counters live here, shared by the sections. Rendered only
 * when signed in.
 */
export function AccountPage() {
  const { t } = useTranslation();
  const { account } = useSession();
  const location = useLocation();
  const [sessionsVersion, setSessionsVersion] = useState(0);
  const [logVersion, setLogVersion] = useState(0);
  const security = useSecurityOverview(account !== null);
  const { reload: reloadSecurity } = security;
  const section = sectionOf(location.pathname);
  const legacy = section === 'overview' ? legacyTarget(location.hash) : null;
  const content = useRef<HTMLElement>(null);
  const shownPath = useRef(location.pathname);

  const logChanged = useCallback(() => setLogVersion((n) => n + 1), []);
  const sessionsChanged = useCallback(() => setSessionsVersion((n) => n + 1), []);
  const securityChanged = useCallback(() => {
    reloadSecurity();
    setLogVersion((n) => n + 1);
  }, [reloadSecurity]);

  // A link to a part of a section (`/account/security#passkeys`): bring it into view once it is there.
  useEffect(() => {
    const id = location.hash.slice(1);
    if (!id) return;
    const timer = window.setTimeout(
      () => document.getElementById(id)?.scrollIntoView({ block: 'start' }),
      50,
    );
    return () => window.clearTimeout(timer);
  }, [location.hash]);

  // Another section was chosen: keyboard and screen-reader users continue in its content, not in the nav.
  useEffect(() => {
    if (shownPath.current === location.pathname) return;
    shownPath.current = location.pathname;
    if (!location.hash) content.current?.focus({ preventScroll: true });
  }, [location.pathname, location.hash]);

  const context = useMemo<AccountCenter | null>(
    () =>
      account && {
        account,
        security: security.state,
        securityChanged,
        logVersion,
        logChanged,
        sessionsVersion,
        sessionsChanged,
      },
    [account, security.state, securityChanged, logVersion, logChanged, sessionsVersion, sessionsChanged],
  );

  if (!account || !context) return null;
  // Links from before the sections (`/account#passkeys`) land where that part lives now.
  if (legacy) return <Navigate to={legacy} replace />;
  const setupDone = (location.state as { setupDone?: boolean } | null)?.setupDone === true;
  const overview = security.state.status === 'ready' ? security.state.overview : null;

  return (
    <div className="page-wide account-center" data-testid="account-center" data-section={section ?? ''}>
      <PageTitle page={section ? t(`accountCenter.nav.${section}`) : t('account.pageTitle')} />
      {setupDone && (
        <p className="alert alert-success" role="status">
          {t('account.setupDone')}
        </p>
      )}
      {overview?.recoveryNotice && (
        <RecoveryNoticeBanner notice={overview.recoveryNotice} onDismissed={security.reload} />
      )}
      <AccountHeader account={account} />
      <div className="account-center-body">
        <AccountNav current={section} />
        <section
          className="account-center-content"
          ref={content}
          tabIndex={-1}
          aria-label={section ? t(`accountCenter.nav.${section}`) : undefined}
          data-testid="account-content"
        >
          <Outlet context={context} />
        </section>
      </div>
    </div>
  );
}
