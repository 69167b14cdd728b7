import { useTranslation } from 'react-i18next';
import type { LauncherService } from '../api/types';
import { badgeText, localized } from './localized';

interface ServiceTileProps {
  service: LauncherService;
  /** Its badge count; nothing is shown when absent. */
  count: number | undefined;
  /** `tile` on the home page (with the description), `compact` in the top bar's menu. */
  variant: 'tile' | 'compact';
  onOpen?: () => void;
}

/**
 * One service: a plain link to its home. The service signs the reader in through the hub by itself (single
 * sign-on), so opening it asks for nothing.
 */
export function ServiceTile({ service, count, variant, onOpen }: ServiceTileProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const name = localized(service.name, service.names, language);
  const testId = variant === 'tile' ? 'launcher' : 'launcher-menu';

  return (
    <a
      className={`service-tile service-tile-${variant}`}
      href={service.homeUrl}
      data-testid={`${testId}-${service.id}`}
      onClick={onOpen}
    >
      <span className="service-icon-frame">
        <img className="service-icon" src={service.iconUrl} alt={name} width={48} height={48} />
        {count !== undefined && count > 0 && (
          <span
            className="service-badge"
            role="img"
            aria-label={t('launcher.unread', { count })}
            data-testid={`${testId}-badge-${service.id}`}
          >
            {badgeText(count)}
          </span>
        )}
      </span>
      <span className="service-text">
        <span className="service-name">{name}</span>
        {variant === 'tile' && (
          <span className="service-description">
            {localized(service.description, service.descriptions, language)}
          </span>
        )}
      </span>
    </a>
  );
}
