import { useTranslation } from 'react-i18next';
import { FormError } from '../components/FormError';
import { Loading } from '../components/Loading';
import { ServiceTile } from './ServiceTile';
import { useServices } from './use-services';

/** The home page's "Your services": every enabled service as a tile that opens it. */
export function ServiceGrid() {
  const { t } = useTranslation();
  const { state, badges, retry } = useServices();

  switch (state.status) {
    case 'loading':
      return <Loading label={t('launcher.loading')} />;
    case 'error':
      return (
        <div className="launcher-problem" data-testid="launcher-error">
          <FormError error={state.error} />
          <button type="button" className="button" onClick={retry}>
            {t('app.retry')}
          </button>
        </div>
      );
    case 'ready':
      if (state.services.length === 0) {
        return (
          <p className="launcher-empty" data-testid="launcher-empty">
            {t('launcher.empty')}
          </p>
        );
      }
      return (
        <ul className="service-grid" data-testid="launcher">
          {state.services.map((service) => (
            <li key={service.id}>
              <ServiceTile service={service} count={badges[service.id]} variant="tile" />
            </li>
          ))}
        </ul>
      );
  }
}
