import { BadgesSection } from './BadgesSection';
import { ConnectedAppsSection } from './ConnectedAppsSection';
import { useAccountCenter } from './context';
import { DataAccountSection } from './DataAccountSection';
import { DiscoverabilitySection } from './DiscoverabilitySection';
import { PasswordSection } from './PasswordSection';
import { ProfileSection } from './ProfileSection';
import { ProfileVisibilitySection } from './ProfileVisibilitySection';
import { RegionSection } from './RegionSection';
import { SecurityLogSection } from './SecurityLogSection';
import { SecuritySection } from './SecuritySection';
import { SessionsSection } from './SessionsSection';

/** The account center's sections, each its own page under `/account/…` (the overview is `AccountOverview`). */

/** `/account/profile`: name, picture, bio and email; language and time zone. */
export function ProfilePage() {
  const { account } = useAccountCenter();
  return (
    <>
      <ProfileSection account={account} />
      <RegionSection accountId={account.id} />
    </>
  );
}

/** `/account/security`: password, passkeys and recovery codes, and the security log. */
export function SecurityPage() {
  const { account, security, securityChanged, logVersion, logChanged, sessionsChanged } = useAccountCenter();
  return (
    <>
      <PasswordSection
        account={account}
        onChanged={() => {
          // A new password signs out every other session.
          sessionsChanged();
          logChanged();
        }}
      />
      <SecuritySection account={account} securityState={security} onChanged={securityChanged} />
      <SecurityLogSection version={logVersion} />
    </>
  );
}

/** `/account/sessions`: the signed-in devices, ending one or all the others. */
export function SessionsPage() {
  const { sessionsVersion, logChanged } = useAccountCenter();
  return <SessionsSection version={sessionsVersion} onChanged={logChanged} />;
}

/** `/account/apps`: the applications allowed to use the account. */
export function AppsPage() {
  return <ConnectedAppsSection />;
}

/**
 * `/account/privacy`: who can find and add the account, who sees each part of its profile, badges, a copy of the
 * data, and deleting the account.
 */
export function PrivacyPage() {
  const { account, security, logChanged } = useAccountCenter();
  const passkeyProtection =
    security.status === 'ready'
      ? security.overview.passkeyProtection
      : security.status === 'error'
        ? false
        : null;
  return (
    <>
      <DiscoverabilitySection accountId={account.id} />
      <ProfileVisibilitySection accountId={account.id} accountNumber={account.accountNumber} />
      <BadgesSection accountId={account.id} />
      <DataAccountSection account={account} passkeyProtection={passkeyProtection} onExported={logChanged} />
    </>
  );
}
