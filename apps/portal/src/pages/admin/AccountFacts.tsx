import { useTranslation } from 'react-i18next';
import type { AdminAccount } from '../../api/types';
import { formatDateTime } from '../../i18n/dates';

/** What an admin sees of an account at a glance: number, handle, email, passkeys, created; in a list or a page. */
export function AccountFacts({
  account,
  className,
  numberClassName,
  numberTestId,
}: {
  account: AdminAccount;
  className: string;
  numberClassName: string;
  numberTestId?: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return (
    <dl className={className}>
      <div>
        <dt>{t('account.accountNumber')}</dt>
        <dd className={numberClassName} data-testid={numberTestId}>
          {account.accountNumber}
        </dd>
      </div>
      <div>
        <dt>{t('account.handle')}</dt>
        <dd>@{account.handle}</dd>
      </div>
      <div>
        <dt>{t('admin.accounts.email')}</dt>
        <dd>{account.email ?? t('admin.accounts.noEmail')}</dd>
      </div>
      <div>
        <dt>{t('admin.accounts.passkeys')}</dt>
        <dd data-testid="admin-account-passkeys">{account.passkeyCount}</dd>
      </div>
      <div>
        <dt>{t('admin.accounts.created')}</dt>
        <dd>
          <time dateTime={account.createdAt}>{formatDateTime(account.createdAt, language)}</time>
        </dd>
      </div>
    </dl>
  );
}
