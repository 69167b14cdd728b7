import './admin/accounts/console.css';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { type AccountFilters, adminAccounts, csvExportUrl } from '../api/admin-accounts';
import { FormError } from '../components/FormError';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import { useLoad } from '../lib/use-load';
import { AdminNav } from './admin/AdminNav';
import { AccountFilterForm } from './admin/accounts/AccountFilterForm';
import { AccountTable } from './admin/accounts/AccountTable';
import { filtersFromSearch, hasFilters, searchOfFilters } from './admin/accounts/filters';
import { Pager } from './admin/accounts/Pager';
import {
  isBadAddress,
  nextPage,
  pageNumber,
  pagingOf,
  previousPage,
  rowRange,
} from './admin/accounts/paging';
import { useKnownRoles } from './admin/accounts/use-roles';
import { useTiers } from './admin/accounts/use-tiers';
import { isForbidden } from './admin/services';
import { ForbiddenPage } from './ForbiddenPage';

/** Accounts a page. */
const PAGE_SIZE = 50;

/**
 * `/admin/accounts?q=&role=&status=&membership=&createdFrom=&createdTo=&cursor=`, for staff: the accounts, newest
 * first, filtered, a page at a time, with the total and a CSV export of every matching row. The filters and the
 * page are in the address (shared links and reloads show the same view); the way back to earlier pages is in
 * the history entry. Rendered inside the console's staff check.
 */
export function AdminAccountsPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const filters = useMemo(() => filtersFromSearch(params), [params]);
  const cursor = params.get('cursor') || null;
  const paging = pagingOf(location.state);
  const roles = useKnownRoles();
  const tiers = useTiers();
  const key = `${searchOfFilters(filters, cursor)}`;
  const list = useLoad(() => adminAccounts.list(filters, cursor, PAGE_SIZE), key);
  const number = new Intl.NumberFormat(i18n.resolvedLanguage ?? 'en');
  const deleted = (location.state as { deleted?: unknown } | null)?.deleted;

  if (list.state.status === 'error' && isForbidden(list.state.error)) return <ForbiddenPage />;

  const go = (next: AccountFilters, nextCursor: string | null, state: unknown) => {
    const search = searchOfFilters(next, nextCursor).toString();
    navigate({ pathname: '/admin/accounts', search: search ? `?${search}` : '' }, { state });
  };

  const page = list.state.status === 'ready' ? list.state.value : null;
  const current = pageNumber(paging, cursor);
  const range = page ? rowRange(current, PAGE_SIZE, page.accounts.length) : null;

  return (
    <div className="page-wide admin-page" data-testid="admin-accounts">
      <PageTitle page={t('admin.accounts.pageTitle')} />
      <AdminNav />
      <header className="admin-header">
        <p className="admin-section-name">{t('admin.services.section')}</p>
        <h1>{t('admin.accounts.title')}</h1>
        <p className="card-intro">{t('adminAccounts.intro')}</p>
      </header>
      {typeof deleted === 'string' && (
        <p role="status" className="alert alert-success" data-testid="admin-account-deleted">
          {t('adminAccounts.actions.delete.done', { name: deleted })}
        </p>
      )}
      <AccountFilterForm
        filters={filters}
        roles={roles}
        tiers={tiers}
        onApply={(next) => go(next, null, null)}
      />
      {list.state.status === 'loading' && <Loading label={t('admin.accounts.loading')} />}
      {list.state.status === 'error' && isBadAddress(list.state.error) && (
        <p className="card admin-empty" data-testid="console-bad-address">
          {t('adminAccounts.badAddress')} <Link to="/admin/accounts">{t('adminAccounts.startOver')}</Link>
        </p>
      )}
      {list.state.status === 'error' && !isBadAddress(list.state.error) && (
        <div className="launcher-problem">
          <FormError error={list.state.error} />
          <button type="button" className="button" onClick={list.retry}>
            {t('app.retry')}
          </button>
        </div>
      )}
      {page && (
        <section className="admin-service-section" aria-label={t('admin.accounts.results')}>
          <div className="console-results-bar">
            <p
              className="admin-count"
              role="status"
              data-testid="admin-accounts-total"
              data-total={page.total}
            >
              {t('adminAccounts.total', { count: page.total, formatted: number.format(page.total) })}
              {range &&
                page.total > page.accounts.length &&
                ` · ${t('adminAccounts.showing', { first: number.format(range.first), last: number.format(range.last) })}`}
            </p>
            {page.total > 0 && (
              <a
                className="button"
                href={csvExportUrl(filters)}
                download
                data-testid="admin-accounts-export"
                title={t('adminAccounts.exportHint')}
              >
                {t('adminAccounts.export')}
              </a>
            )}
          </div>
          {page.accounts.length === 0 ? (
            <p className="card admin-empty" data-testid="admin-accounts-empty">
              {hasFilters(filters) || cursor ? t('adminAccounts.noMatch') : t('admin.accounts.none')}
            </p>
          ) : (
            <AccountTable accounts={page.accounts} roles={roles} />
          )}
          <Pager
            testId="admin-accounts-pager"
            hasPrevious={cursor !== null}
            hasNext={page.nextCursor !== null}
            onPrevious={() => {
              const back = previousPage(paging);
              go(filters, back.cursor, back.state);
            }}
            onNext={() => {
              if (!page.nextCursor) return;
              const forward = nextPage(paging, cursor, page.nextCursor);
              go(filters, forward.cursor, forward.state);
            }}
          />
        </section>
      )}
    </div>
  );
}
