import '../accounts/console.css';
import './clients.css';
import { ApiError } from '@orbit/ui/api';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { type AdminClient, adminClients } from '../../../api/admin-clients';
import { FormError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import { PageTitle } from '../../../components/PageTitle';
import { formatDateTime } from '../../../i18n/dates';
import { useLoad } from '../../../lib/use-load';
import { ForbiddenPage } from '../../ForbiddenPage';
import { NotFoundPage } from '../../NotFoundPage';
import { AdminNav } from '../AdminNav';
import { ActionDialog } from '../accounts/ActionDialog';
import { isForbidden } from '../services';
import { ClientError } from './ClientError';
import { ClientForm } from './ClientForm';
import { ClientSecretDialog, type ShownSecret } from './ClientSecretDialog';
import { clientChangesOf, clientFormOf, type FieldProblem, fieldProblemsOf } from './form';
import { RotateDialog } from './RotateDialog';

type Asking = 'rotate' | 'disable' | 'enable' | 'delete' | null;

/**
 * `/admin/clients/:id`: one client. A standalone client's registration is edited here; a service's client is
 * shown read-only (its manifest owns the settings) with a link to the service. Either can have its secret
 * rotated with a grace and be disabled; a standalone one can be deleted.
 */
export function AdminClientPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const id = useParams().id ?? '';
  const navigate = useNavigate();
  const loaded = useLoad(() => adminClients.get(id), id);
  const [asking, setAsking] = useState<Asking>(null);
  const [pending, setPending] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [shown, setShown] = useState<ShownSecret | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const inFlight = useRef(false);

  if (loaded.state.status === 'error') {
    const { error } = loaded.state;
    if (isForbidden(error)) return <ForbiddenPage />;
    if (error instanceof ApiError && error.status === 404) return <NotFoundPage />;
  }
  const client = loaded.state.status === 'ready' ? loaded.state.value : null;

  /** Runs one action at a time; its dialog stays open with the hub's answer when it fails. */
  const run = async (action: () => Promise<void>) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setPending(true);
    setActionError(null);
    try {
      await action();
      setAsking(null);
    } catch (error) {
      setActionError(error);
    } finally {
      inFlight.current = false;
      setPending(false);
    }
  };
  const ask = (what: Asking) => {
    setActionError(null);
    setDone(null);
    setAsking(what);
  };
  const inGrace = (client?.secrets.filter((s) => s.expiresAt !== null).length ?? 0) > 0;

  return (
    <div className="page-wide admin-page" data-testid="admin-client">
      <PageTitle page={t('adminClients.clientPageTitle', { name: client?.name ?? id })} />
      <AdminNav />
      <p>
        <Link to="/admin/clients">← {t('adminClients.back')}</Link>
      </p>
      {loaded.state.status === 'loading' && <Loading label={t('adminClients.loading')} />}
      {loaded.state.status === 'error' && (
        <div className="launcher-problem">
          <FormError error={loaded.state.error} />
          <button type="button" className="button" onClick={loaded.retry}>
            {t('app.retry')}
          </button>
        </div>
      )}
      {client && (
        <>
          <header className="admin-header">
            <p className="admin-section-name">{t('adminClients.title')}</p>
            <h1 data-testid="admin-client-name">{client.name}</h1>
            <p className="client-meta">
              <code data-testid="admin-client-id">{client.clientId}</code> ·{' '}
              {t('adminClients.detail.registered', { date: formatDateTime(client.createdAt, language) })} ·{' '}
              {t('adminClients.detail.updated', { date: formatDateTime(client.updatedAt, language) })}
            </p>
            {client.disabledAt && (
              <p className="alert alert-warning" data-testid="admin-client-disabled">
                {t('adminClients.detail.disabledSince', {
                  date: formatDateTime(client.disabledAt, language),
                })}
              </p>
            )}
          </header>
          <div role="status" className="form-status" data-testid="admin-client-status">
            {done && <span className="saved">{done}</span>}
          </div>

          <section className="card" aria-labelledby="client-actions">
            <h2 id="client-actions">{t('adminClients.detail.actions')}</h2>
            <div className="client-actions">
              {client.usesSecret && (
                <button
                  type="button"
                  className="button"
                  data-testid="admin-client-rotate"
                  onClick={() => ask('rotate')}
                >
                  {t('adminClients.detail.rotate')}
                </button>
              )}
              {client.disabled ? (
                <button
                  type="button"
                  className="button"
                  data-testid="admin-client-enable"
                  onClick={() => ask('enable')}
                >
                  {t('adminClients.detail.enable')}
                </button>
              ) : (
                <button
                  type="button"
                  className="button"
                  data-testid="admin-client-disable"
                  onClick={() => ask('disable')}
                >
                  {t('adminClients.detail.disable')}
                </button>
              )}
              {!client.service && (
                <button
                  type="button"
                  className="button"
                  data-testid="admin-client-delete"
                  onClick={() => ask('delete')}
                >
                  {t('adminClients.detail.delete')}
                </button>
              )}
            </div>
          </section>

          <SecretsCard client={client} />

          {client.service ? (
            <ServiceClientSettings client={client} />
          ) : (
            <EditClient client={client} onSaved={(next) => loaded.set(next)} onSecret={setShown} />
          )}
        </>
      )}

      {client && asking === 'rotate' && (
        <RotateDialog
          name={client.name}
          inGrace={inGrace}
          pending={pending}
          error={actionError}
          onCancel={() => setAsking(null)}
          onConfirm={(graceHours) =>
            run(async () => {
              const rotated = await adminClients.rotateSecret(client.clientId, graceHours);
              loaded.set(rotated.client);
              setShown({
                clientId: client.clientId,
                name: client.name,
                clientSecret: rotated.clientSecret,
                previous: rotated.previousSecretExpiresAt,
                service: client.service,
                ...(client.service ? { credentialsFile: rotated.credentialsFile ?? null } : {}),
              });
            })
          }
        />
      )}
      {client && (asking === 'disable' || asking === 'enable') && (
        <ActionDialog
          title={t(`adminClients.confirm.${asking}Title`, { name: client.name })}
          confirmLabel={t(`adminClients.confirm.${asking}Ok`)}
          danger={asking === 'disable'}
          pending={pending}
          pendingLabel={t('adminClients.confirm.running')}
          error={actionError}
          onCancel={() => setAsking(null)}
          onConfirm={() =>
            run(async () => {
              const next =
                asking === 'disable'
                  ? await adminClients.disable(client.clientId)
                  : await adminClients.enable(client.clientId);
              loaded.set(next);
              setDone(
                t(
                  asking === 'disable'
                    ? 'adminClients.detail.disabledDone'
                    : 'adminClients.detail.enabledDone',
                  {
                    name: client.name,
                  },
                ),
              );
            })
          }
        >
          <p>{t(`adminClients.confirm.${asking}Body`)}</p>
          {asking === 'disable' && client.service && (
            <p>{t('adminClients.confirm.disableServiceBody', { service: client.service })}</p>
          )}
        </ActionDialog>
      )}
      {client && asking === 'delete' && (
        <ActionDialog
          title={t('adminClients.confirm.deleteTitle', { name: client.name })}
          confirmLabel={t('adminClients.confirm.deleteOk')}
          danger
          typeToConfirm={{
            text: client.clientId,
            label: t('adminClients.confirm.deleteType', { id: client.clientId }),
          }}
          pending={pending}
          pendingLabel={t('adminClients.confirm.running')}
          error={actionError}
          onCancel={() => setAsking(null)}
          onConfirm={() =>
            run(async () => {
              await adminClients.remove(client.clientId);
              navigate('/admin/clients', { state: { deleted: client.name } });
            })
          }
        >
          <p>{t('adminClients.confirm.deleteBody')}</p>
        </ActionDialog>
      )}
      {shown && <ClientSecretDialog shown={shown} onClose={() => setShown(null)} />}
    </div>
  );
}

/** The client's live secrets: the current one, and the one a rotation replaced while its grace lasts. */
function SecretsCard({ client }: { client: AdminClient }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return (
    <section className="card" aria-labelledby="client-secrets">
      <h2 id="client-secrets">{t('adminClients.detail.secrets')}</h2>
      {!client.usesSecret ? (
        <p>{t('adminClients.detail.noSecretUsed')}</p>
      ) : client.secrets.length === 0 ? (
        <p>{t('adminClients.detail.noSecret')}</p>
      ) : (
        <ul className="client-secrets" data-testid="admin-client-secrets">
          {client.secrets.map((secret) => (
            <li key={`${secret.createdAt}-${secret.expiresAt}`} data-expires={secret.expiresAt ?? ''}>
              {secret.expiresAt
                ? t('adminClients.detail.previous', {
                    created: formatDateTime(secret.createdAt, language),
                    expires: formatDateTime(secret.expiresAt, language),
                  })
                : t('adminClients.detail.current', { created: formatDateTime(secret.createdAt, language) })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A service's client: its settings as registered from the manifest, not editable here. */
function ServiceClientSettings({ client }: { client: AdminClient }) {
  const { t } = useTranslation();
  const list = (items: readonly string[]) =>
    items.length ? (
      <ul className="client-uris">
        {items.map((item) => (
          <li key={item}>
            <code>{item}</code>
          </li>
        ))}
      </ul>
    ) : (
      '—'
    );
  return (
    <section className="card" aria-labelledby="client-settings" data-testid="admin-client-readonly">
      <h2 id="client-settings">{t('adminClients.detail.settings')}</h2>
      <p className="alert alert-info">
        {t('adminClients.detail.readOnly', { service: client.service })}{' '}
        <Link to="/admin/services" data-testid="admin-client-service-link">
          {t('adminClients.detail.openService')}
        </Link>
      </p>
      <dl className="admin-settings">
        <dt>{t('adminClients.form.auth')}</dt>
        <dd>{t(`adminClients.auth.${client.tokenEndpointAuthMethod}`)}</dd>
        <dt>{t('adminClients.form.redirectUris')}</dt>
        <dd>{list(client.redirectUris)}</dd>
        <dt>{t('adminClients.form.postLogoutRedirectUris')}</dt>
        <dd>{list(client.postLogoutRedirectUris)}</dd>
        <dt>{t('adminClients.form.backchannelLogoutUri')}</dt>
        <dd>{client.backchannelLogoutUri ? <code>{client.backchannelLogoutUri}</code> : '—'}</dd>
        <dt>{t('adminClients.form.grantTypes')}</dt>
        <dd>{list(client.grantTypes)}</dd>
        <dt>{t('adminClients.form.scopes')}</dt>
        <dd>{list(client.scopes)}</dd>
        <dt>{t('adminClients.form.alg')}</dt>
        <dd>{client.idTokenSignedResponseAlg}</dd>
        <dt>{t('adminClients.form.accessTokenAlg')}</dt>
        <dd>{client.accessTokenSignedResponseAlg}</dd>
      </dl>
    </section>
  );
}

/** A standalone client's registration, edited in place; only the changed fields are sent. */
function EditClient({
  client,
  onSaved,
  onSecret,
}: {
  client: AdminClient;
  onSaved: (client: AdminClient) => void;
  onSecret: (shown: ShownSecret) => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState(() => clientFormOf(client));
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const inFlight = useRef(false);
  useEffect(() => setValues(clientFormOf(client)), [client]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (inFlight.current) return;
    const built = clientChangesOf(client, values);
    if (!built.ok) {
      setProblems([{ field: built.field, message: t('adminClients.form.jwksInvalid') }]);
      return;
    }
    if (Object.keys(built.value).length === 0) {
      setStatus(t('adminClients.form.nothingChanged'));
      return;
    }
    inFlight.current = true;
    setPending(true);
    setError(null);
    setProblems([]);
    setStatus(null);
    try {
      const saved = await adminClients.update(client.clientId, built.value);
      onSaved(saved.client);
      setStatus(t('adminClients.form.saved'));
      if (saved.clientSecret) {
        onSecret({
          clientId: client.clientId,
          name: saved.client.name,
          clientSecret: saved.clientSecret,
          previous: 'first',
        });
      }
    } catch (caught) {
      setError(caught);
      setProblems(fieldProblemsOf(caught));
    } finally {
      inFlight.current = false;
      setPending(false);
    }
  };

  return (
    <form className="card form" onSubmit={submit} noValidate aria-labelledby="client-settings">
      <h2 id="client-settings">{t('adminClients.detail.settings')}</h2>
      <ClientForm
        values={values}
        onChange={setValues}
        mode="edit"
        problems={problems}
        hasJwks={client.hasJwks}
        disabled={pending}
      />
      <ClientError error={error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending} data-testid="client-save">
          {pending ? t('adminClients.form.saving') : t('adminClients.form.save')}
        </button>
        <span role="status" className="form-status" data-testid="client-save-status">
          {status && <span className="saved">{status}</span>}
        </span>
      </div>
    </form>
  );
}
