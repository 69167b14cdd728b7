import { useTranslation } from 'react-i18next';
import type { AdminService } from '../../api/types';
import { FormError } from '../../components/FormError';
import { formatDateTime } from '../../i18n/dates';
import { localized } from '../../launcher/localized';
import type { Target } from './console';
import { ServiceIcon } from './ServiceIcon';
import { ServiceSettings } from './ServiceSettings';
import { type ServiceAction, serviceStatus, toggleActionFor } from './services';

interface ServiceCardProps {
  service: AdminService;
  /**
   * The action running now, on any service: every button waits for it. They stay focusable (`aria-disabled`, the
   * console ignores their clicks meanwhile), so the focus given back after the confirmation is not lost.
   */
  running: Target | null;
  /** The error of the last action on this service, if it failed. */
  error: unknown;
  onAction: (action: ServiceAction) => void;
}

/** One registered service: who it is, where it lives, whether it is enabled, its actions, and its settings. */
export function ServiceCard({ service, running, error, onAction }: ServiceCardProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const name = localized(service.name, service.names, language);
  const status = serviceStatus(service);
  const toggle = toggleActionFor(service);
  const runningHere = running?.serviceId === service.id ? running.action : null;
  const statusId = `admin-service-status-${service.id}`;

  return (
    <li className="card admin-service" data-testid={`admin-service-${service.id}`} data-status={status}>
      <div className="admin-service-head">
        <ServiceIcon key={status} id={service.id} name={name} />
        <div className="admin-service-title">
          <h2>{name}</h2>
          <span className={`badge badge-${status}`} data-testid={statusId} data-status={status}>
            {t(`admin.services.${status}`)}
          </span>
        </div>
        <div className="admin-service-actions">
          {/* One button that turns from Disable into Enable, so the focus stays on it after the change. */}
          <button
            type="button"
            className={toggle === 'disable' ? 'button button-danger' : 'button'}
            data-testid={`admin-service-${toggle}-${service.id}`}
            aria-label={t(
              toggle === 'disable' ? 'admin.services.disableLabel' : 'admin.services.enableLabel',
              {
                name,
              },
            )}
            aria-disabled={running !== null}
            onClick={() => onAction(toggle)}
          >
            {runningHere === 'disable'
              ? t('admin.services.disabling')
              : runningHere === 'enable'
                ? t('admin.services.enabling')
                : t(toggle === 'disable' ? 'admin.services.disable' : 'admin.services.enable')}
          </button>
          <button
            type="button"
            className="button"
            data-testid={`admin-service-rotate-${service.id}`}
            aria-label={t('admin.services.rotateLabel', { name })}
            aria-disabled={running !== null}
            onClick={() => onAction('rotate-secret')}
          >
            {runningHere === 'rotate-secret' ? t('admin.services.rotating') : t('admin.services.rotate')}
          </button>
        </div>
      </div>
      <p className="admin-service-description">
        {localized(service.description, service.descriptions, language)}
      </p>
      <dl className="admin-facts">
        <div>
          <dt>{t('admin.services.id')}</dt>
          <dd>
            <code data-testid={`admin-service-id-${service.id}`}>{service.id}</code>
          </dd>
        </div>
        <div>
          <dt>{t('admin.services.origin')}</dt>
          <dd>
            <code>{service.origin}</code>
          </dd>
        </div>
        <div>
          <dt>{t('admin.services.home')}</dt>
          <dd>
            <a href={service.homeUrl} target="_blank" rel="noreferrer">
              {service.homeUrl}
            </a>
          </dd>
        </div>
        <div>
          <dt>{t('admin.services.registered')}</dt>
          <dd>
            <time dateTime={service.createdAt}>{formatDateTime(service.createdAt, language)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('admin.services.updated')}</dt>
          <dd>
            <time dateTime={service.updatedAt}>{formatDateTime(service.updatedAt, language)}</time>
          </dd>
        </div>
      </dl>
      <FormError error={error} />
      <details className="admin-details">
        <summary data-testid={`admin-service-details-${service.id}`}>{t('admin.services.details')}</summary>
        <ServiceSettings service={service} />
      </details>
    </li>
  );
}
