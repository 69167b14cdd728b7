import { LANGUAGE_NAMES } from '@orbit/ui/i18n';
import { useTranslation } from 'react-i18next';
import type { AdminAccountDetail, GrantableRole } from '../../../api/admin-accounts';
import { Avatar } from '../../../components/Avatar';
import { formatDateTime } from '../../../i18n/dates';
import { EmailCell, StatusBadge } from './AccountTable';
import { RoleChips } from './RoleChips';

/** Who locked the account, as the hub says it: `@handle`, or "the CLI or a deleted account". */
function lockerOf(account: AdminAccountDetail): string | null {
  const by = account.lockedBy;
  if (!by) return null;
  if (typeof by === 'string') return by;
  return by.label ?? null;
}

/**
 * The head of an account's page: picture, name, status and roles, the facts staff check first (number, handle,
 * email and whether it is verified, created, last sign-in, sessions, passkeys, recovery codes, language, time
 * zone), and, when it is locked, since when, by whom and why.
 */
export function AccountOverview({
  account,
  known,
}: {
  account: AdminAccountDetail;
  known: readonly GrantableRole[];
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const when = (iso: string | null) =>
    iso ? <time dateTime={iso}>{formatDateTime(iso, language)}</time> : t('adminAccounts.facts.never');
  const locker = lockerOf(account);

  return (
    <header className="account-header card console-account-head" data-testid="admin-account-details">
      <Avatar account={{ ...account, avatarUrl: account.avatarUrl ?? null }} size="lg" />
      <div className="account-identity">
        <div className="account-title">
          <h1 data-testid="admin-account-name">{account.displayName}</h1>
          <StatusBadge account={account} />
        </div>
        <RoleChips roles={account.roles} known={known} />
        {account.status === 'locked' && (
          <div className="alert alert-error" data-testid="admin-account-locked">
            {t('adminAccounts.facts.lockedNotice', {
              when: account.lockedAt ? formatDateTime(account.lockedAt, language) : '—',
              by: locker ?? t('adminAccounts.facts.unknownStaff'),
            })}
            {account.lockedReason && (
              <>
                {' '}
                <q data-testid="admin-account-locked-reason">{account.lockedReason}</q>
              </>
            )}
          </div>
        )}
        <dl className="account-facts">
          <div>
            <dt>{t('account.accountNumber')}</dt>
            <dd className="account-number" data-testid="admin-account-number">
              {account.accountNumber}
            </dd>
          </div>
          <div>
            <dt>{t('account.handle')}</dt>
            <dd data-testid="admin-account-handle">@{account.handle}</dd>
          </div>
          <div>
            <dt>{t('admin.accounts.email')}</dt>
            <dd>
              <EmailCell account={account} />
            </dd>
          </div>
          <div>
            <dt>{t('admin.accounts.created')}</dt>
            <dd>{when(account.createdAt)}</dd>
          </div>
          <div>
            <dt>{t('adminAccounts.facts.lastSignIn')}</dt>
            <dd>{when(account.lastSignInAt)}</dd>
          </div>
          <div>
            <dt>{t('adminAccounts.facts.sessions')}</dt>
            <dd data-testid="admin-account-sessions">{account.sessions}</dd>
          </div>
          <div>
            <dt>{t('admin.accounts.passkeys')}</dt>
            <dd data-testid="admin-account-passkeys">{account.passkeyCount}</dd>
          </div>
          <div>
            <dt>{t('adminAccounts.facts.recoveryCodes')}</dt>
            <dd data-testid="admin-account-recovery-codes">{account.recoveryCodesLeft}</dd>
          </div>
          <div>
            <dt>{t('adminAccounts.facts.membership')}</dt>
            <dd>{account.membership?.tierName ?? t('adminAccounts.noMembership')}</dd>
          </div>
          <div>
            <dt>{t('adminAccounts.profile.locale')}</dt>
            <dd>{LANGUAGE_NAMES[account.locale] ?? account.locale}</dd>
          </div>
          <div>
            <dt>{t('adminAccounts.profile.timeZone')}</dt>
            <dd>{account.timeZone ?? 'UTC'}</dd>
          </div>
        </dl>
      </div>
    </header>
  );
}
