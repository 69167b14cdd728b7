import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { PageTitle } from '../components/PageTitle';
import { RecoveryNoticeBanner } from '../passkeys/RecoveryNoticeBanner';
import { useSecurityOverview } from '../passkeys/use-security';
import { useSession } from '../session/context';
import { AccountHeader } from './account/AccountHeader';
import { ConnectedAppsSection } from './account/ConnectedAppsSection';
import { DataAccountSection } from './account/DataAccountSection';
import { MembershipSection } from './account/MembershipSection';
import { PasswordSection } from './account/PasswordSection';
import { ProfileSection } from './account/ProfileSection';
import { SecurityLogSection } from './account/SecurityLogSection';
import { SecuritySection } from './account/SecuritySection';
import { SessionsSection } from './account/SessionsSection';

/**
 * `/account`: who you are, and your profile, membership, password, passkeys and recovery codes, sessions,
 * security log, connected apps, and your data. Rendered only when signed in.
 */
export function AccountPage() {
  const { t } = useTranslation();
  const { account } = useSession();
  const location = useLocation();
  const [sessionsVersion, setSessionsVersion] = useState(0);
  const [logVersion, setLogVersion] = useState(0);
  const security = useSecurityOverview(account !== null);
  if (!account) return null;
  const setupDone = (location.state as { setupDone?: boolean } | null)?.setupDone === true;
  const overview = security.state.status === 'ready' ? security.state.overview : null;
  const logChanged = () => setLogVersion((n) => n + 1);
  const securityChanged = () => {
    security.reload();
    logChanged();
  };

  return (
    <div className="page-wide">
      <PageTitle page={t('account.pageTitle')} />
      {setupDone && (
        <p className="alert alert-success" role="status">
          {t('account.setupDone')}
        </p>
      )}
      {overview?.recoveryNotice && (
        <RecoveryNoticeBanner notice={overview.recoveryNotice} onDismissed={security.reload} />
      )}
      <AccountHeader account={account} />
      <div className="account-sections">
        <ProfileSection account={account} />
        <MembershipSection accountId={account.id} />
        <PasswordSection
          account={account}
          onChanged={() => {
            setSessionsVersion((n) => n + 1);
            logChanged();
          }}
        />
        <SecuritySection account={account} securityState={security.state} onChanged={securityChanged} />
        <SessionsSection version={sessionsVersion} />
        <SecurityLogSection version={logVersion} />
        <ConnectedAppsSection />
        <DataAccountSection
          account={account}
          passkeyProtection={
            overview ? overview.passkeyProtection : security.state.status === 'error' ? false : null
          }
          onExported={logChanged}
        />
      </div>
    </div>
  );
}
