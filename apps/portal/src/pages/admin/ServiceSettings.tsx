import { useTranslation } from 'react-i18next';
import type { AdminService } from '../../api/types';
import { declaredRoleLines } from './service-roles';
import { clientSettings, type SettingKey } from './services';

/** Short identifiers sit side by side; URIs get a line each. */
const INLINE: ReadonlySet<SettingKey> = new Set(['scopes', 'grantTypes', 'tokenEndpointAuthMethod']);

/**
 * The details view: the service's OpenID Connect client settings, the perks it reads and the roles it declares,
 * as registered.
 */
export function ServiceSettings({ service }: { service: AdminService }) {
  const { t, i18n } = useTranslation();
  return (
    <dl className="admin-settings" data-testid={`admin-service-settings-${service.id}`}>
      {clientSettings(service).map(({ key, values }) => (
        <div key={key} className="admin-setting">
          <dt>{t(`admin.services.settings.${key}`)}</dt>
          <dd>
            {values.length === 0 ? (
              <span className="admin-none">{t('admin.services.settings.none')}</span>
            ) : (
              <ul className={INLINE.has(key) ? 'admin-values admin-values-inline' : 'admin-values'}>
                {values.map((value) => (
                  <li key={value}>
                    <code>{value}</code>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      ))}
      {service.perks.length > 0 && (
        <div className="admin-setting">
          <dt>{t('admin.services.perks')}</dt>
          <dd>
            <ul className="admin-values admin-perks">
              {service.perks.map((perk) => (
                <li key={perk.key}>
                  <code>{perk.key}</code> <span>{perk.description}</span>{' '}
                  <span className="admin-none">
                    ({t('admin.services.perkDefault', { value: String(perk.default) })})
                  </span>
                </li>
              ))}
            </ul>
          </dd>
        </div>
      )}
      {service.roles.length > 0 && (
        <div className="admin-setting">
          <dt>{t('serviceRoles.declared')}</dt>
          <dd>
            <ul className="admin-values admin-perks" data-testid={`admin-service-roles-${service.id}`}>
              {declaredRoleLines(service.roles, i18n.resolvedLanguage ?? 'en').map((line) => (
                <li key={line.role}>
                  <code>{line.role}</code> <span>{line.label}</span>
                  {line.description && <span className="admin-none"> — {line.description}</span>}
                </li>
              ))}
            </ul>
            <p className="admin-none">{t('serviceRoles.declaredHint')}</p>
          </dd>
        </div>
      )}
    </dl>
  );
}
