import { useTranslation } from 'react-i18next';
import type { Account } from '../../api/types';
import { Avatar } from '../../components/Avatar';

export function AccountHeader({ account }: { account: Account }) {
  const { t } = useTranslation();
  return (
    <header className="account-header card">
      <Avatar account={account} size="lg" />
      <div className="account-identity">
        <div className="account-title">
          <h1 data-testid="account-display-name">{account.displayName}</h1>
          {account.role === 'admin' && <span className="badge badge-admin">{t('account.admin')}</span>}
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
