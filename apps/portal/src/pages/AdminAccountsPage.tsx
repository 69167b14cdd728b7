import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { security } from '../api/security';
import type { AdminAccount } from '../api/types';
import { FormError } from '../components/FormError';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import { AccountFacts } from './admin/AccountFacts';
import { AdminNav } from './admin/AdminNav';
import { isForbidden } from './admin/services';
import { ForbiddenPage } from './ForbiddenPage';

type Results =
  | { status: 'loading' }
  | { status: 'ready'; accounts: AdminAccount[] }
  | { status: 'error'; error: unknown };

const QUERY_MAX = 320;

/**
 * `/admin/accounts?q=…`, for admins: find accounts by number, handle, email or name (the newest ones without a
 * search), then open one to see its details and security log. The search is kept in the address, so going back
 * shows the same results. Rendered inside `RequireAdmin`.
 */
export function AdminAccountsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const [draft, setDraft] = useState(query);
  const [results, setResults] = useState<Results>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // Back and forward change the search in the address: the box follows.
  useEffect(() => setDraft(query), [query]);

  useEffect(() => {
    void attempt; // asks again on "Try again"
    let cancelled = false;
    setResults({ status: 'loading' });
    security.searchAccounts(query).then(
      (accounts) => !cancelled && setResults({ status: 'ready', accounts }),
      (error: unknown) => !cancelled && setResults({ status: 'error', error }),
    );
    return () => {
      cancelled = true;
    };
  }, [query, attempt]);

  if (results.status === 'error' && isForbidden(results.error)) return <ForbiddenPage />;

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const q = draft.trim();
    if (q === query) setAttempt((n) => n + 1);
    else setParams(q ? { q } : {});
  };

  return (
    <div className="page-wide admin-page" data-testid="admin-accounts">
      <PageTitle page={t('admin.accounts.pageTitle')} />
      <AdminNav />
      <header className="admin-header">
        <p className="admin-section-name">{t('admin.services.section')}</p>
        <h1>{t('admin.accounts.title')}</h1>
        <p className="card-intro">{t('admin.accounts.intro')}</p>
      </header>
      <search>
        <form className="admin-search" onSubmit={search}>
          <label htmlFor="admin-accounts-q" className="visually-hidden">
            {t('admin.accounts.searchLabel')}
          </label>
          <input
            id="admin-accounts-q"
            type="search"
            name="q"
            value={draft}
            maxLength={QUERY_MAX}
            placeholder={t('admin.accounts.searchPlaceholder')}
            autoComplete="off"
            spellCheck={false}
            data-testid="admin-accounts-search"
            onChange={(event) => setDraft(event.target.value)}
          />
          <button type="submit" className="button button-primary" data-testid="admin-accounts-search-submit">
            {t('admin.accounts.search')}
          </button>
        </form>
      </search>
      {results.status === 'loading' && <Loading label={t('admin.accounts.loading')} />}
      {results.status === 'error' && (
        <div className="launcher-problem">
          <FormError error={results.error} />
          <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('app.retry')}
          </button>
        </div>
      )}
      {results.status === 'ready' && <AccountList accounts={results.accounts} query={query} />}
    </div>
  );
}

function AccountList({ accounts, query }: { accounts: AdminAccount[]; query: string }) {
  const { t } = useTranslation();
  if (accounts.length === 0) {
    return (
      <p className="card admin-empty" data-testid="admin-accounts-empty">
        {query ? t('admin.accounts.noMatch', { query }) : t('admin.accounts.none')}
      </p>
    );
  }
  return (
    <section className="admin-service-section" aria-label={t('admin.accounts.results')}>
      <p className="admin-count" role="status">
        {query
          ? t('admin.accounts.matches', { count: accounts.length, query })
          : t('admin.accounts.newest', { count: accounts.length })}
      </p>
      <ul className="card session-list admin-account-list" data-testid="admin-accounts-results">
        {accounts.map((account) => (
          <li
            key={account.id}
            className="session-row"
            data-testid="admin-account-row"
            data-account-id={account.id}
            data-account-number={account.accountNumber}
          >
            <div className="session-main">
              <p className="session-device">
                <Link
                  to={`/admin/accounts/${encodeURIComponent(account.id)}`}
                  data-testid="admin-account-link"
                >
                  {account.displayName}
                </Link>
                {account.role === 'admin' && <span className="badge badge-admin">{t('account.admin')}</span>}
              </p>
              <AccountFacts
                account={account}
                className="session-facts"
                numberClassName="admin-account-number"
              />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
