import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AdminAccountSummary, GrantableRole } from '../../../api/admin-accounts';
import { formatDate, formatDateTime } from '../../../i18n/dates';
import { RoleChips } from './RoleChips';

/** An account's status as a badge: locked in red, with the reason on hover (and for screen readers). */
export function StatusBadge({ account }: { account: Pick<AdminAccountSummary, 'status' | 'lockedReason'> }) {
  const { t } = useTranslation();
  if (account.status === 'locked') {
    const reason = account.lockedReason ?? '';
    return (
      <span
        className="badge badge-disabled"
        title={reason ? t('adminAccounts.status.lockedBecause', { reason }) : undefined}
        data-testid="account-status"
        data-status="locked"
      >
        {t('adminAccounts.status.locked')}
        {reason && (
          <span className="visually-hidden">{t('adminAccounts.status.lockedBecause', { reason })}</span>
        )}
      </span>
    );
  }
  return (
    <span className="badge badge-enabled" data-testid="account-status" data-status="active">
      {t('adminAccounts.status.active')}
    </span>
  );
}

/** An address with its state: a check mark when verified, "not verified" otherwise. */
export function EmailCell({
  account,
}: {
  account: Pick<AdminAccountSummary, 'email' | 'emailVerified'> & { pendingEmail?: string | null };
}) {
  const { t } = useTranslation();
  if (!account.email && account.pendingEmail) {
    // A new account's address, or one staff set, waits for its link before it becomes the account's email.
    return (
      <span className="console-email">
        <span className="console-email-address">{account.pendingEmail}</span>
        <span className="badge badge-muted" data-testid="email-pending">
          {t('adminAccounts.email.pending')}
        </span>
      </span>
    );
  }
  if (!account.email) return <span className="admin-none">{t('admin.accounts.noEmail')}</span>;
  return (
    <span className="console-email">
      <span className="console-email-address">{account.email}</span>
      {account.emailVerified ? (
        <span
          className="console-verified"
          title={t('adminAccounts.email.verified')}
          data-testid="email-verified"
        >
          <span aria-hidden="true">✓</span>
          <span className="visually-hidden">{t('adminAccounts.email.verified')}</span>
        </span>
      ) : (
        <span className="badge badge-muted" data-testid="email-unverified">
          {t('adminAccounts.email.unverified')}
        </span>
      )}
    </span>
  );
}

/** The accounts of one page as a table: number, name and handle, email, roles, status, membership, created. */
export function AccountTable({
  accounts,
  roles,
}: {
  accounts: readonly AdminAccountSummary[];
  roles: readonly GrantableRole[];
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return (
    <div className="card console-table-card">
      <table className="console-table" data-testid="admin-accounts-results">
        <thead>
          <tr>
            <th scope="col">{t('account.accountNumber')}</th>
            <th scope="col">{t('adminAccounts.columns.name')}</th>
            <th scope="col">{t('admin.accounts.email')}</th>
            <th scope="col">{t('adminAccounts.columns.roles')}</th>
            <th scope="col">{t('adminAccounts.columns.status')}</th>
            <th scope="col">{t('adminAccounts.columns.membership')}</th>
            <th scope="col">{t('admin.accounts.created')}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr
              key={account.id}
              data-testid="admin-account-row"
              data-account-id={account.id}
              data-account-number={account.accountNumber}
              data-status={account.status}
            >
              <td className="admin-account-number">{account.accountNumber}</td>
              <td>
                <Link
                  to={`/admin/accounts/${encodeURIComponent(account.id)}`}
                  data-testid="admin-account-link"
                >
                  {account.displayName}
                </Link>
                <span className="console-handle">@{account.handle}</span>
              </td>
              <td>
                <EmailCell account={account} />
              </td>
              <td>
                <RoleChips roles={account.roles} known={roles} />
              </td>
              <td>
                <StatusBadge account={account} />
              </td>
              <td>
                {account.membership ? (
                  account.membership.tierName
                ) : (
                  <span className="admin-none">{t('adminAccounts.noMembership')}</span>
                )}
              </td>
              <td>
                <time dateTime={account.createdAt} title={formatDateTime(account.createdAt, language)}>
                  {formatDate(account.createdAt, language)}
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
