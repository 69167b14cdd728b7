import { type Dispatch, useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { DEFAULT_GRACE_HOURS } from '../api/admin-clients';
import { api } from '../api/orbit';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { FormError } from '../components/FormError';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import { localized } from '../launcher/localized';
import { AdminNav } from './admin/AdminNav';
import { RotateDialog } from './admin/clients/RotateDialog';
import {
  type ConsoleEvent,
  type ConsoleState,
  consoleReducer,
  initialConsole,
  type Target,
} from './admin/console';
import { SecretDialog } from './admin/SecretDialog';
import { ServiceCalls } from './admin/ServiceCalls';
import { ServiceCard } from './admin/ServiceCard';
import { isForbidden } from './admin/services';
import { ForbiddenPage } from './ForbiddenPage';

type Load = { status: 'loading' } | { status: 'ready' } | { status: 'error'; error: unknown };

/** `done` messages by action (translation keys can't hold the action's `-`). */
const DONE_KEYS = {
  disable: 'admin.services.done.disable',
  enable: 'admin.services.done.enable',
  'rotate-secret': 'admin.services.done.rotateSecret',
} as const;

/**
 * `/admin/services`, for admins: every registered service, enabled or not, with its client settings; disable,
 * enable, and rotate its client secret, each after a confirmation. Rendered inside `RequireAdmin`.
 */
export function AdminServicesPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const [state, dispatch] = useReducer(consoleReducer, initialConsole);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  /** Set while an action's request is in flight, so a double click on Confirm sends it once. */
  const inFlight = useRef(false);

  useEffect(() => {
    void attempt; // asks again on "Try again"
    let cancelled = false;
    setLoad({ status: 'loading' });
    api.listAdminServices().then(
      (services) => {
        if (cancelled) return;
        dispatch({ type: 'loaded', services });
        setLoad({ status: 'ready' });
      },
      (error: unknown) => {
        if (!cancelled) setLoad({ status: 'error', error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  const confirmed = useCallback(async (target: Target, graceHours = DEFAULT_GRACE_HOURS) => {
    if (inFlight.current) return;
    inFlight.current = true;
    dispatch({ type: 'start' });
    try {
      if (target.action === 'rotate-secret') {
        dispatch({ type: 'rotated', rotation: await api.rotateServiceSecret(target.serviceId, graceHours) });
      } else {
        const change = target.action === 'disable' ? api.disableService : api.enableService;
        dispatch({ type: 'updated', service: await change(target.serviceId) });
      }
    } catch (error) {
      dispatch({ type: 'failed', error });
    } finally {
      inFlight.current = false;
    }
  }, []);

  // The hub checks the role on every request: an account no longer admin gets the same page as any other.
  if (
    (load.status === 'error' && isForbidden(load.error)) ||
    (state.failed && isForbidden(state.failed.error))
  ) {
    return <ForbiddenPage />;
  }

  const nameOf = (id: string) => {
    const service = state.services.find((s) => s.id === id);
    return service ? localized(service.name, service.names, language) : id;
  };

  return (
    <div className="page-wide admin-page" data-testid="admin-services">
      <PageTitle page={t('admin.services.pageTitle')} />
      <AdminNav />
      <header className="admin-header">
        <p className="admin-section-name">{t('admin.services.section')}</p>
        <h1>{t('admin.services.title')}</h1>
        <p className="card-intro">{t('admin.services.intro')}</p>
      </header>

      <div role="status" className="form-status" data-testid="admin-services-status">
        {state.done && (
          <span className="saved">
            {t(DONE_KEYS[state.done.action], { name: nameOf(state.done.serviceId) })}
          </span>
        )}
      </div>

      {load.status === 'loading' && <Loading label={t('admin.services.loading')} />}
      {load.status === 'error' && (
        <div className="launcher-problem">
          <FormError error={load.error} />
          <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('app.retry')}
          </button>
        </div>
      )}
      {load.status === 'ready' && <ServiceList state={state} dispatch={dispatch} />}
      {load.status === 'ready' && <ServiceCalls services={state.services} />}

      {state.confirming && (
        <Confirmation
          target={state.confirming}
          name={nameOf(state.confirming.serviceId)}
          onConfirm={confirmed}
          onCancel={() => dispatch({ type: 'cancel' })}
        />
      )}
      {state.secret && (
        <SecretDialog
          serviceId={state.secret.serviceId}
          name={nameOf(state.secret.serviceId)}
          rotation={state.secret}
          onClose={() => dispatch({ type: 'secret-closed' })}
        />
      )}
    </div>
  );
}

function ServiceList({ state, dispatch }: { state: ConsoleState; dispatch: Dispatch<ConsoleEvent> }) {
  const { t } = useTranslation();
  const { services } = state;
  if (services.length === 0) {
    return (
      <p className="card admin-empty" data-testid="admin-services-empty">
        <Trans i18nKey="admin.services.empty" components={{ code: <code /> }} />
      </p>
    );
  }
  return (
    <section className="admin-service-section" aria-label={t('admin.services.title')}>
      <p className="admin-count">{t('admin.services.count', { count: services.length })}</p>
      <ul className="admin-service-list">
        {services.map((service) => (
          <ServiceCard
            key={service.id}
            service={service}
            running={state.running}
            error={state.failed?.serviceId === service.id ? state.failed.error : null}
            onAction={(action) => dispatch({ type: 'ask', target: { action, serviceId: service.id } })}
          />
        ))}
      </ul>
    </section>
  );
}

interface ConfirmationProps {
  target: Target;
  name: string;
  onConfirm: (target: Target, graceHours?: number) => void;
  onCancel: () => void;
}

/** The question asked before each action, in words that say what it breaks. */
function Confirmation({ target, name, onConfirm, onCancel }: ConfirmationProps) {
  const { t } = useTranslation();
  const confirm = () => onConfirm(target);
  switch (target.action) {
    case 'disable':
      return (
        <ConfirmDialog
          title={t('admin.services.confirm.disableTitle', { name })}
          confirmLabel={t('admin.services.confirm.disableOk', { name })}
          danger
          onConfirm={confirm}
          onCancel={onCancel}
        >
          <p>{t('admin.services.confirm.disableBody', { name })}</p>
        </ConfirmDialog>
      );
    case 'enable':
      return (
        <ConfirmDialog
          title={t('admin.services.confirm.enableTitle', { name })}
          confirmLabel={t('admin.services.confirm.enableOk', { name })}
          onConfirm={confirm}
          onCancel={onCancel}
        >
          <p>{t('admin.services.confirm.enableBody', { name })}</p>
        </ConfirmDialog>
      );
    case 'rotate-secret':
      // With the grace the old secret keeps while the service picks up the new one (docs/clients.md).
      return (
        <RotateDialog
          name={name}
          inGrace={false}
          pending={false}
          error={null}
          onConfirm={(graceHours) => onConfirm(target, graceHours)}
          onCancel={onCancel}
        />
      );
  }
}
