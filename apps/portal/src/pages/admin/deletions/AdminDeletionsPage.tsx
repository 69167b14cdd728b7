import { ACCOUNT_DELETION_GRACE_DAYS } from '@orbit/contracts';
import { useTranslation } from 'react-i18next';
import { type AccountDeletionView, accountDeletions } from '../../../api/account-deletions';
import { FormError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import { PageTitle } from '../../../components/PageTitle';
import { formatDateTime } from '../../../i18n/dates';
import { useAction } from '../../../lib/use-action';
import { useLoad } from '../../../lib/use-load';
import { ForbiddenPage } from '../../ForbiddenPage';
import { AdminNav } from '../AdminNav';
import { AdminError } from '../accounts/AdminError';
import { isForbidden } from '../services';
import '../../../styles/outbox.css';

const STATE_BADGE: Record<AccountDeletionView['state'], string> = {
  scheduled: 'badge',
  notifying: 'badge badge-disabled',
  done: 'badge badge-enabled',
};

/**
 * `/admin/deletions`, for admins: account deletions, pending ones first — scheduled (the owner may still sign in
 * and cancel), then deleted but not acknowledged by every service — with each service's acknowledgement, attempts
 * and last error, and "Retry now" for those still waiting.
 */
export function AdminDeletionsPage() {
  const { t } = useTranslation();
  const list = useLoad(accountDeletions.list, 'deletions');

  if (list.state.status === 'error' && isForbidden(list.state.error)) return <ForbiddenPage />;
  const deletions = list.state.status === 'ready' ? list.state.value : null;

  return (
    <div className="page-wide admin-page" data-testid="admin-deletions">
      <PageTitle page={t('adminDeletions.pageTitle')} />
      <AdminNav />
      <header className="admin-header">
        <p className="admin-section-name">{t('adminDeletions.section')}</p>
        <h1>{t('adminDeletions.title')}</h1>
        <p className="card-intro">{t('adminDeletions.intro', { days: ACCOUNT_DELETION_GRACE_DAYS })}</p>
      </header>
      {list.state.status === 'loading' && <Loading label={t('adminDeletions.loading')} />}
      {list.state.status === 'error' && (
        <div className="launcher-problem">
          <FormError error={list.state.error} />
          <button type="button" className="button" onClick={list.retry}>
            {t('app.retry')}
          </button>
        </div>
      )}
      {deletions?.length === 0 && (
        <p className="card admin-empty" data-testid="admin-deletions-empty">
          {t('adminDeletions.empty')}
        </p>
      )}
      {deletions && deletions.length > 0 && (
        <ol
          className="card session-list outbox-list"
          aria-label={t('adminDeletions.listLabel')}
          data-testid="admin-deletions-list"
        >
          {deletions.map((deletion) => (
            <DeletionRow key={deletion.id} deletion={deletion} onRetried={list.reload} />
          ))}
        </ol>
      )}
    </div>
  );
}

function DeletionRow({ deletion, onRetried }: { deletion: AccountDeletionView; onRetried: () => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const when = (at: string) => <time dateTime={at}>{formatDateTime(at, language)}</time>;
  const retry = useAction(accountDeletions.retry);
  const send = async () => {
    if ((await retry.run(deletion.id)).ok) onRetried();
  };

  return (
    <li
      className="session-row"
      data-testid="admin-deletion"
      data-account={deletion.accountNumber}
      data-state={deletion.state}
    >
      <div className="session-main">
        <p className="session-device outbox-subject">
          <span>{t('adminDeletions.account', { number: deletion.accountNumber })}</span>
          <span className={STATE_BADGE[deletion.state]} data-testid="admin-deletion-state">
            {t(`adminDeletions.state.${deletion.state}`)}
          </span>
          <span className="badge">{t(`adminDeletions.by.${deletion.by}`)}</span>
        </p>
        <dl className="session-facts">
          <div>
            <dt>{t('adminDeletions.accountId')}</dt>
            <dd>
              <code>{deletion.accountId}</code>
            </dd>
          </div>
          <div>
            <dt>{t('adminDeletions.requested')}</dt>
            <dd>{when(deletion.requestedAt)}</dd>
          </div>
          <div>
            <dt>{deletion.deletedAt ? t('adminDeletions.deletedAt') : t('adminDeletions.scheduledFor')}</dt>
            <dd>{when(deletion.deletedAt ?? deletion.scheduledFor)}</dd>
          </div>
        </dl>
        <p className="section-intro">
          <strong>{t('adminDeletions.services')}</strong>
        </p>
        {deletion.services.length === 0 ? (
          <p className="section-intro">
            {deletion.deletedAt ? t('adminDeletions.noServicesRegistered') : t('adminDeletions.noServices')}
          </p>
        ) : (
          <ul className="session-facts" aria-label={t('adminDeletions.services')}>
            {deletion.services.map((service) => (
              <li
                key={service.serviceId}
                data-testid="admin-deletion-service"
                data-service={service.serviceId}
                data-acknowledged={service.acknowledgedAt ? 'true' : 'false'}
              >
                <span>
                  {service.serviceName ?? t('adminDeletions.removedService', { id: service.serviceId })}
                </span>
                {' · '}
                <span>
                  {service.acknowledgedAt
                    ? t('adminDeletions.acknowledged', {
                        date: formatDateTime(service.acknowledgedAt, language),
                      })
                    : t('adminDeletions.waiting')}
                </span>
                {' · '}
                <span>{t('adminDeletions.attempts', { count: service.attempts })}</span>
                {service.lastError && (
                  <p className="outbox-error" data-testid="admin-deletion-error">
                    {t('adminDeletions.lastError', { error: service.lastError })}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
        {deletion.state === 'notifying' && (
          <div className="form-actions">
            <button
              type="button"
              className="button"
              data-testid="admin-deletion-retry"
              disabled={retry.pending}
              onClick={send}
            >
              {retry.pending ? t('adminDeletions.retrying') : t('adminDeletions.retry')}
            </button>
          </div>
        )}
        <AdminError error={retry.error} />
      </div>
    </li>
  );
}
