import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { PageTitle } from '../components/PageTitle';
import { useSession } from '../session/context';
import { AccountHeader } from './account/AccountHeader';
import { ConnectedAppsSection } from './account/ConnectedAppsSection';
import { PasswordSection } from './account/PasswordSection';
import { ProfileSection } from './account/ProfileSection';
import { SessionsSection } from './account/SessionsSection';

/** `/account`: who you are, and your profile, password, sessions and connected apps. Rendered only when signed in. */
export function AccountPage() {
  const { t } = useTranslation();
  const { account } = useSession();
  const location = useLocation();
  const [sessionsVersion, setSessionsVersion] = useState(0);
  if (!account) return null;
  const setupDone = (location.state as { setupDone?: boolean } | null)?.setupDone === true;

  return (
    <div className="page-wide">
      <PageTitle page={t('account.pageTitle')} />
      {setupDone && (
        <p className="alert alert-success" role="status">
          {t('account.setupDone')}
        </p>
      )}
      <AccountHeader account={account} />
      <div className="account-sections">
        <ProfileSection account={account} />
        <PasswordSection account={account} onChanged={() => setSessionsVersion((n) => n + 1)} />
        <SessionsSection version={sessionsVersion} />
        <ConnectedAppsSection />
      </div>
    </div>
  );
}
