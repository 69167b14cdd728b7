import { useTranslation } from 'react-i18next';
import type { Account } from '../../api/types';
import { ActivityBadge } from '../../components/ActivityBadge';
import { Avatar } from '../../components/Avatar';
import { VipBadge } from '../../components/VipBadge';
import { useMyLevels } from '../../membership/levels-store';

export function AccountHeader({ account }: { account: Account }) {
  const { t } = useTranslation();
  const levels = useMyLevels(account.id);
  return (
    <header className="account-header card">
      <Avatar account={account} size="lg" />
      <div className="account-identity">
        <div className="account-title">
          <h1 data-testid="account-display-name">{account.displayName}</h1>
          {account.roles.includes('admin') && (
            <span className="badge badge-admin" data-testid="account-role-admin">
              {t('account.admin')}
            </span>
          )}
          {account.roles.includes('support') && (
            <span className="badge badge-admin" data-testid="account-role-support">
              {t('accountCenter.roles.support')}
            </span>
          )}
          {levels && (
            <span className="badge-row">
              <VipBadge level={levels.growth.vipLevel} testId="account-vip-badge" />
              <ActivityBadge level={levels.activity.level} testId="account-activity-badge" />
            </span>
          )}
        </div>
        <dl className="account-facts">
          <div>
            <dt>{t('account.accountNumber')}</dt>
            <dd className="account-number" data-testid="account-number">
              {account.accountNumber}
            </dd>
          </div>
          <div>
            <dt>{t('account.handle')}</dt>
            <dd>@{account.handle}</dd>
          </div>
        </dl>
      </div>
    </header>
  );
}
