import '../accounts/console.css';
import './clients.css';
import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { type AdminClient, adminClients, type ClientListFilters } from '../../../api/admin-clients';
import { FormError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import { PageTitle } from '../../../components/PageTitle';
import { formatDate } from '../../../i18n/dates';
import { useLoad } from '../../../lib/use-load';
import { ForbiddenPage } from '../../ForbiddenPage';
import { AdminNav } from '../AdminNav';
import { isForbidden } from '../services';
import { filtersFromSearch, searchOfClientFilters } from './filters';

/**
 * `/admin/clients?q=&status=&kind=`, for admins: every OIDC client (services' and other applications'), filtered
 * by text, status and kind, with a link to register a new one. The filters are in the address.
 */
export function AdminClientsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const deleted = (location.state as { deleted?: unknown } | null)?.deleted;
  const filters = useMemo(() => filtersFromSearch(params), [params]);
  const key = searchOfClientFilters(filters).toString();
  const list = useLoad(() => adminClients.list(filters), key);

  if (list.state.status === 'error' && isForbidden(list.state.error)) return <ForbiddenPage />;
  const apply = (next: ClientListFilters) => {
    const search = searchOfClientFilters(next).toString();
    navigate({ pathname: '/admin/clients', search: search ? `?${search}` : '' });
  };

  return (
    <div className="page-wide admin-page" data-testid="admin-clients">
      <PageTitle page={t('adminClients.pageTitle')} />
      <AdminNav />
      <header className="admin-header">
        <p className="admin-section-name">{t('adminClients.section')}</p>
        <h1>{t('adminClients.title')}</h1>
        <p className="card-intro">{t('adminClients.intro')}</p>
        <p>
          <Link to="/admin/clients/new" className="button button-primary" data-testid="admin-clients-new">
            {t('adminClients.newClient')}
          </Link>
        </p>
      </header>
      {typeof deleted === 'string' && (
        <p role="status" className="alert alert-success" data-testid="admin-client-deleted">
          {t('adminClients.detail.deleted', { name: deleted })}
        </p>
      )}
      <ClientFilterForm filters={filters} onApply={apply} />
      {list.state.status === 'loading' && <Loading label={t('adminClients.loading')} />}
      {list.state.status === 'error' && (
        <div className="launcher-problem">
          <FormError error={list.state.error} />
          <button type="button" className="button" onClick={list.retry}>
            {t('app.retry')}
          </button>
        </div>
      )}
      {list.state.status === 'ready' && <ClientTable clients={list.state.value} />}
    </div>
  );
}

function ClientFilterForm({
  filters,
  onApply,
}: {
  filters: ClientListFilters;
  onApply: (filters: ClientListFilters) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(filters);
  useEffect(() => setDraft(filters), [filters]);
  const qId = useId();
  const statusId = useId();
  const kindId = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(draft);
  };
  return (
    <form className="card console-filters" aria-label={t('adminClients.filters.label')} onSubmit={submit}>
      <div className="console-filter">
        <label htmlFor={qId}>{t('adminClients.filters.q')}</label>
        <input
          id={qId}
          type="search"
          value={draft.q}
          maxLength={100}
          data-testid="admin-clients-q"
          onChange={(event) => setDraft({ ...draft, q: event.target.value })}
        />
      </div>
      <div className="console-filter">
        <label htmlFor={statusId}>{t('adminClients.filters.status')}</label>
        <select
          id={statusId}
          value={draft.status}
          data-testid="admin-clients-status"
          onChange={(event) =>
            setDraft({ ...draft, status: event.target.value as ClientListFilters['status'] })
          }
        >
          <option value="">{t('adminClients.filters.any')}</option>
          <option value="enabled">{t('adminClients.filters.enabled')}</option>
          <option value="disabled">{t('adminClients.filters.disabled')}</option>
        </select>
      </div>
      <div className="console-filter">
        <label htmlFor={kindId}>{t('adminClients.filters.kind')}</label>
        <select
          id={kindId}
          value={draft.kind}
          data-testid="admin-clients-kind"
          onChange={(event) => setDraft({ ...draft, kind: event.target.value as ClientListFilters['kind'] })}
        >
          <option value="">{t('adminClients.filters.any')}</option>
          <option value="service">{t('adminClients.filters.service')}</option>
          <option value="standalone">{t('adminClients.filters.standalone')}</option>
        </select>
      </div>
      <div className="console-filter-actions">
        <button type="submit" className="button button-primary" data-testid="admin-clients-filter">
          {t('adminClients.filters.apply')}
        </button>
        <button type="button" className="button" onClick={() => onApply({ q: '', status: '', kind: '' })}>
          {t('adminClients.filters.clear')}
        </button>
      </div>
    </form>
  );
}

function ClientTable({ clients }: { clients: readonly AdminClient[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  if (clients.length === 0) {
    return (
      <p className="card admin-empty" data-testid="admin-clients-empty">
        {t('adminClients.empty')}
      </p>
    );
  }
  return (
    <section className="admin-service-section" aria-label={t('adminClients.title')}>
      <p className="admin-count" role="status">
        {t('adminClients.count', { count: clients.length })}
      </p>
      <div className="card console-table-card">
        <table className="console-table" data-testid="admin-clients-results">
          <thead>
            <tr>
              <th scope="col">{t('adminClients.columns.name')}</th>
              <th scope="col">{t('adminClients.columns.clientId')}</th>
              <th scope="col">{t('adminClients.columns.kind')}</th>
              <th scope="col">{t('adminClients.columns.auth')}</th>
              <th scope="col">{t('adminClients.columns.status')}</th>
              <th scope="col">{t('adminClients.columns.created')}</th>
            </tr>
          </thead>
          <tbody>
            {clients.map((client) => (
              <tr key={client.clientId} data-testid="admin-client-row" data-client-id={client.clientId}>
                <td>
                  <Link to={`/admin/clients/${encodeURIComponent(client.clientId)}`}>{client.name}</Link>
                </td>
                <td>
                  <code>{client.clientId}</code>
                </td>
                <td>
                  {client.service
                    ? t('adminClients.kind.service', { service: client.service })
                    : t('adminClients.kind.standalone')}
                </td>
                <td>{t(`adminClients.auth.${client.tokenEndpointAuthMethod}`)}</td>
                <td>
                  <span className={client.disabled ? 'badge badge-disabled' : 'badge badge-enabled'}>
                    {client.disabled ? t('adminClients.status.disabled') : t('adminClients.status.enabled')}
                  </span>
                </td>
                <td>{formatDate(client.createdAt, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
