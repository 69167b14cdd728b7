import { useDismiss } from '@orbit/ui/shell';
import { useCallback, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormError } from '../components/FormError';
import { Loading } from '../components/Loading';
import { ServiceTile } from './ServiceTile';
import { useServices } from './use-services';

/**
 * The top bar's service switcher: a button that opens a small panel of every service, from any page. The
 * services are fetched when it first opens, not on every page load. Escape or a click elsewhere closes it.
 */
export function LauncherMenu() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  const { state, badges, retry } = useServices(opened);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, root, button);

  return (
    <div className="launcher-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="button button-quiet launcher-button"
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="launcher-menu"
        title={t('launcher.menu')}
        onClick={() => {
          setOpened(true);
          setOpen((value) => !value);
        }}
      >
        <svg className="launcher-glyph" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          {[5, 12, 19].flatMap((y) =>
            [5, 12, 19].map((x) => <circle key={`${x}-${y}`} cx={x} cy={y} r="2.2" fill="currentColor" />),
          )}
        </svg>
        <span className="launcher-button-label">{t('launcher.menu')}</span>
      </button>
      <div id={panelId} className="launcher-panel card" hidden={!open} data-testid="launcher-menu-panel">
        <h2 className="launcher-panel-title">{t('launcher.title')}</h2>
        {state.status === 'loading' && <Loading label={t('launcher.loading')} />}
        {state.status === 'error' && (
          <div className="launcher-problem">
            <FormError error={state.error} />
            <button type="button" className="button" onClick={retry}>
              {t('app.retry')}
            </button>
          </div>
        )}
        {state.status === 'ready' &&
          (state.services.length === 0 ? (
            <p className="launcher-empty">{t('launcher.empty')}</p>
          ) : (
            <ul className="service-grid-compact">
              {state.services.map((service) => (
                <li key={service.id}>
                  <ServiceTile
                    service={service}
                    count={badges[service.id]}
                    variant="compact"
                    onOpen={close}
                  />
                </li>
              ))}
            </ul>
          ))}
        <Link to="/" className="launcher-all" onClick={close}>
          {t('launcher.all')}
        </Link>
      </div>
    </div>
  );
}
