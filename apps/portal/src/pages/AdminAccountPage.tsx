import { ApiError } from '@orbit/ui/api';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type AdminAccountDetails, security } from '../api/security';
import { Avatar } from '../components/Avatar';
import { FormError } from '../components/FormError';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import { SecurityEventList } from '../components/SecurityEventList';
import { AccountFacts } from './admin/AccountFacts';
import { AccountMembership } from './admin/AccountMembership';
import { AdminNav } from './admin/AdminNav';
import { isForbidden } from './admin/services';
import { ForbiddenPage } from './ForbiddenPage';

type Load =
  | { status: 'loading' }
  | { status: 'ready'; account: AdminAccountDetails }
  | { status: 'error'; error: unknown };

const isGone = (error: unknown) => error instanceof ApiError && error.code === 'account.not_found';

/** `/admin/accounts/:id`, for admins: one account's details, its memberships and levels, and its security log. */
export function AdminAccountPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const loadLog = useCallback(
    (before: number | undefined, limit: number) => security.adminLog(id, before, limit),
    [id],
  );

  useEffect(() => {
    void attempt; // asks again on "Try again"
    let cancelled = false;
    setLoad({ status: 'loading' });
    security.adminAccount(id).then(
      (account) => !cancelled && setLoad({ status: 'ready', account }),
      (error: unknown) => !cancelled && setLoad({ status: 'error', error }),
    );
    return () => {
      cancelled = true;
    };
  }, [id, attempt]);

  if (load.status === 'error' && isForbidden(load.error)) return <ForbiddenPage />;
  const account = load.status === 'ready' ? load.account : null;

  return (
    <div className="page-wide admin-page" data-testid="admin-account">
      <PageTitle page={t('admin.accounts.accountPageTitle', { name: account?.displayName ?? id })} />
      <AdminNav />
      <p>
        <Link to="/admin/accounts" data-testid="admin-account-back">
          {t('admin.accounts.back')}
        </Link>
      </p>
      {load.status === 'loading' && <Loading label={t('admin.accounts.loadingAccount')} />}
      {load.status === 'error' &&
        (isGone(load.error) ? (
          <p className="card admin-empty" data-testid="admin-account-gone">
            {t('admin.accounts.gone')}
          </p>
        ) : (
          <div className="launcher-problem">
            <FormError error={load.error} />
            <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
              {t('app.retry')}
            </button>
          </div>
        ))}
      {account && (
        <>
          <header className="account-header card" data-testid="admin-account-details">
            <Avatar account={account} size="lg" />
            <div className="account-identity">
              <div className="account-title">
                <h1 data-testid="admin-account-name">{account.displayName}</h1>
                {account.role === 'admin' && <span className="badge badge-admin">{t('account.admin')}</span>}
              </div>
              <AccountFacts
                account={account}
                className="account-facts"
                numberClassName="account-number"
                numberTestId="admin-account-number"
              />
            </div>
          </header>
          <AccountMembership key={account.id} accountId={account.id} />
          <section className="card account-section" aria-labelledby="admin-account-log">
            <h2 id="admin-account-log">{t('admin.accounts.log')}</h2>
            <SecurityEventList key={account.id} load={loadLog} />
          </section>
        </>
      )}
    </div>
  );
}
