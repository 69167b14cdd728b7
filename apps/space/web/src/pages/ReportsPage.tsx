import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/space';
import type { Report } from '../api/types';
import { TimeAgo } from '../components/Comments';
import { PersonLink, usePersonName } from '../components/Person';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { useApp } from '../lib/app-context';
import { Link } from '../lib/navigation';
import { useErrorText } from '../lib/use-error-text';
import { usePaged } from '../lib/use-paged';

const STATUSES: Report['status'][] = ['open', 'resolved', 'dismissed'];

/** The moderators' queue of reports: open ones oldest first, each dismissed or its content removed. */
export function ReportsPage() {
  const { t } = useTranslation();
  const { notify } = useApp();
  const describe = useErrorText();
  const name = usePersonName();
  const [status, setStatus] = useState<Report['status']>('open');
  const loader = useCallback(
    async (cursor: string | null) => {
      const page = await api.adminReports(status, cursor);
      return { items: page.reports, next: page.next };
    },
    [status],
  );
  const paged = usePaged<Report>(loader);

  async function resolve(report: Report, action: 'dismiss' | 'remove') {
    if (action === 'remove' && !window.confirm(t('reports.removeConfirm'))) return;
    try {
      await api.resolveReport(report.id, action);
      await paged.reload();
    } catch (error) {
      notify(describe(error), 'error');
    }
  }

  return (
    <>
      <h1 className="page-title">{t('reports.title')}</h1>
      <nav className="tabs" aria-label={t('reports.title')}>
        {STATUSES.map((value) => (
          <button
            key={value}
            type="button"
            className={`tab${value === status ? ' tab-on' : ''}`}
            aria-pressed={value === status}
            onClick={() => setStatus(value)}
          >
            {t(`reports.${value}`)}
          </button>
        ))}
      </nav>
      {paged.error != null && <ErrorState error={paged.error} retry={() => void paged.reload()} />}
      {!paged.items && !paged.error && <Loading />}
      {paged.items?.length === 0 && (
        <EmptyState>
          <p>{t('reports.empty')}</p>
        </EmptyState>
      )}
      {paged.items && paged.items.length > 0 && (
        <ul className="report-list" data-testid="reports">
          {paged.items.map((report) => (
            <li key={report.id} className="card stack" data-testid="report">
              <div className="row">
                <span className="tag">{t(`report.reasons.${report.reason}`)}</span>
                <TimeAgo iso={report.createdAt} />
              </div>
              <blockquote className="excerpt">{report.excerpt}</blockquote>
              {report.details && <p className="small">{report.details}</p>}
              <p className="small muted">
                {t('reports.reportedBy', { name: name(report.reporter) })} ·{' '}
                {t('reports.owner', { name: name(report.owner) })}
              </p>
              <div className="row">
                <PersonLink person={report.owner} />
                {report.targetUrl ? (
                  <Link to={report.targetUrl}>{t('reports.view')}</Link>
                ) : (
                  <span className="muted small">{t('reports.gone')}</span>
                )}
                <span className="spacer" />
                {report.status === 'open' && (
                  <>
                    <button type="button" className="button" onClick={() => void resolve(report, 'dismiss')}>
                      {t('reports.dismiss')}
                    </button>
                    <button
                      type="button"
                      className="button button-danger"
                      onClick={() => void resolve(report, 'remove')}
                    >
                      {t('reports.remove')}
                    </button>
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {paged.next && (
        <button type="button" className="button load-more" onClick={() => void paged.more()}>
          {t('common.loadMore')}
        </button>
      )}
    </>
  );
}
