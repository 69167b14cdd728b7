import '../accounts/console.css';
import './clients.css';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { adminClients } from '../../../api/admin-clients';
import { PageTitle } from '../../../components/PageTitle';
import { AdminNav } from '../AdminNav';
import { ClientError } from './ClientError';
import { ClientForm } from './ClientForm';
import { ClientSecretDialog, type ShownSecret } from './ClientSecretDialog';
import { emptyClientForm, type FieldProblem, fieldProblemsOf, newClientOf } from './form';

/**
 * `/admin/clients/new`: registers an OIDC client. Its secret (a confidential client with a client secret) is
 * shown once in a dialog; closing it opens the client's page.
 */
export function NewClientPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [values, setValues] = useState(emptyClientForm);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [shown, setShown] = useState<ShownSecret | null>(null);
  const inFlight = useRef(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (inFlight.current) return;
    const built = newClientOf(values);
    if (!built.ok) {
      setProblems([{ field: built.field, message: t('adminClients.form.jwksInvalid') }]);
      return;
    }
    inFlight.current = true;
    setPending(true);
    setError(null);
    setProblems([]);
    try {
      const { client, clientSecret } = await adminClients.create(built.value);
      const page = `/admin/clients/${encodeURIComponent(client.clientId)}`;
      if (clientSecret) {
        setShown({ clientId: client.clientId, name: client.name, clientSecret, previous: 'first' });
      } else {
        navigate(page);
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
    <div className="page-wide admin-page" data-testid="admin-client-new">
      <PageTitle page={t('adminClients.newPageTitle')} />
      <AdminNav />
      <p>
        <Link to="/admin/clients">← {t('adminClients.back')}</Link>
      </p>
      <header className="admin-header">
        <p className="admin-section-name">{t('adminClients.section')}</p>
        <h1>{t('adminClients.newClient')}</h1>
      </header>
      <form className="card form" onSubmit={submit} noValidate>
        <ClientForm
          values={values}
          onChange={setValues}
          mode="create"
          problems={problems}
          disabled={pending}
        />
        <ClientError error={error} />
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={pending}
            data-testid="client-create"
          >
            {pending ? t('adminClients.form.creating') : t('adminClients.form.create')}
          </button>
        </div>
      </form>
      {shown && (
        <ClientSecretDialog
          shown={shown}
          onClose={() => navigate(`/admin/clients/${encodeURIComponent(shown.clientId)}`)}
        />
      )}
    </div>
  );
}
