import '../accounts/console.css';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import type { AuditFilters } from '../../../api/audit';
import { FormError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import { PageTitle } from '../../../components/PageTitle';
import { useLoad } from '../../../lib/use-load';
import { ForbiddenPage } from '../../ForbiddenPage';
import { AdminNav } from '../AdminNav';
import { Pager } from '../accounts/Pager';
import { isBadAddress, nextPage, pagingOf, previousPage } from '../accounts/paging';
import { isForbidden } from '../services';
import { AuditEntryList } from './AuditEntryList';
import { AuditFilterForm } from './AuditFilterForm';
import { auditFiltersFromSearch, beforeFromSearch, searchAudit, searchOfAuditFilters } from './entries';

/** Entries a page. */
const PAGE_SIZE = 50;

/**
 * `/admin/audit?q=&actor=&action=&target=&from=&to=&before=`, for staff with `audit:read`: every admin action
 * (who, what, to whom, when, from where), newest first, searched and filtered, a page at a time. The filters and
 * the page are in the address; the way back to newer pages is in the history entry.
 */
export function AdminAuditPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const filters = useMemo(() => auditFiltersFromSearch(params), [params]);
  const before = beforeFromSearch(params);
  const paging = pagingOf(location.state);
  const key = searchOfAuditFilters(filters, before).toString();
  const log = useLoad(() => searchAudit(filters, before, PAGE_SIZE), key);

  if (log.state.status === 'error' && isForbidden(log.state.error)) return <ForbiddenPage />;

  const go = (next: AuditFilters, page: number | null, state: unknown) => {
    const search = searchOfAuditFilters(next, page).toString();
    navigate({ pathname: '/admin/audit', search: search ? `?${search}` : '' }, { state });
  };

  const page = log.state.status === 'ready' ? log.state.value : null;

  return (
    <div className="page-wide admin-page" data-testid="admin-audit">
      <PageTitle page={t('adminAccounts.audit.pageTitle')} />
      <AdminNav />
      <header className="admin-header">
        <p className="admin-section-name">{t('admin.services.section')}</p>
        <h1>{t('adminAccounts.audit.title')}</h1>
        <p className="card-intro">{t('adminAccounts.audit.intro')}</p>
      </header>
      <AuditFilterForm filters={filters} onApply={(next) => go(next, null, null)} />
      {log.state.status === 'loading' && <Loading label={t('adminAccounts.audit.loading')} />}
      {log.state.status === 'error' && isBadAddress(log.state.error) && (
        <p className="card admin-empty" data-testid="console-bad-address">
          {t('adminAccounts.badAddress')} <Link to="/admin/audit">{t('adminAccounts.startOver')}</Link>
        </p>
      )}
      {log.state.status === 'error' && !isBadAddress(log.state.error) && (
        <div className="launcher-problem">
          <FormError error={log.state.error} />
          <button type="button" className="button" onClick={log.retry}>
            {t('app.retry')}
          </button>
        </div>
      )}
      {page && (
        <section className="admin-service-section" aria-label={t('adminAccounts.audit.results')}>
          {page.entries.length === 0 ? (
            <p className="card admin-empty" data-testid="audit-empty">
              {key ? t('adminAccounts.audit.noMatch') : t('adminAccounts.audit.none')}
            </p>
          ) : (
            <AuditEntryList entries={page.entries} />
          )}
          <Pager
            testId="audit-pager"
            labels={{ previous: t('adminAccounts.audit.newer'), next: t('adminAccounts.audit.older') }}
            hasPrevious={before !== null}
            hasNext={page.nextBefore !== null}
            onPrevious={() => {
              const back = previousPage(paging);
              go(filters, back.cursor ? Number(back.cursor) : null, back.state);
            }}
            onNext={() => {
              if (page.nextBefore === null) return;
              const forward = nextPage(
                paging,
                before === null ? null : String(before),
                String(page.nextBefore),
              );
              go(filters, page.nextBefore, forward.state);
            }}
          />
        </section>
      )}
    </div>
  );
}
