import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Tier } from '../../../api/membership-types';
import type { AdminService } from '../../../api/types';
import { TierBadge, useTierName } from '../../../components/TierBadge';
import { localized } from '../../../launcher/localized';
import { formatMoney } from '../../../membership/money';

/** Every tier, platform ones first then by rank, retired ones marked: what it is and what it costs now. */
export function TierList({ tiers, services }: { tiers: Tier[]; services: AdminService[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const tierName = useTierName();
  const serviceName = (id: string | null) => {
    const service = services.find((s) => s.id === id);
    return service ? localized(service.name, service.names, language) : (id ?? '');
  };
  if (tiers.length === 0) {
    return <p className="card admin-empty">{t('adminMembership.none')}</p>;
  }
  return (
    <ul className="admin-service-list" data-testid="admin-tiers">
      {tiers.map((tier) => (
        <li
          key={tier.id}
          className="card admin-service admin-tier"
          data-testid={`admin-tier-${tier.id}`}
          data-retired={tier.retired || undefined}
        >
          <div className="admin-service-head">
            <div className="admin-service-title">
              <h2>
                <TierBadge tier={tier} />
              </h2>
              {tier.retired && (
                <span className="badge badge-disabled" data-testid={`admin-tier-retired-${tier.id}`}>
                  {t('adminMembership.retired')}
                </span>
              )}
            </div>
            <div className="admin-service-actions">
              <Link
                to={`/admin/tiers/${encodeURIComponent(tier.id)}`}
                className="button"
                data-testid={`admin-tier-edit-${tier.id}`}
                aria-label={t('adminMembership.editLabel', { name: tierName(tier) })}
              >
                {t('adminMembership.edit')}
              </Link>
            </div>
          </div>
          <dl className="admin-facts">
            <div>
              <dt>{t('admin.services.id')}</dt>
              <dd>
                <code>{tier.id}</code>
              </dd>
            </div>
            <div>
              <dt>{t('adminMembership.form.scope')}</dt>
              <dd>
                {tier.scope === 'platform'
                  ? t('membership.scope.platform')
                  : t('membership.scope.service', { service: serviceName(tier.serviceId) })}
              </dd>
            </div>
            <div>
              <dt>{t('adminMembership.form.rank')}</dt>
              <dd>{tier.rank}</dd>
            </div>
            <div>
              <dt>{t('adminMembership.growthTitle')}</dt>
              <dd>
                {t('adminMembership.growth', { month: tier.growthPerDay, year: tier.growthPerDayYearly })}
              </dd>
            </div>
            <div>
              <dt>{t('adminMembership.prices.title')}</dt>
              <dd data-testid={`admin-tier-prices-${tier.id}`}>
                {tier.prices.length === 0
                  ? t('adminMembership.noPrices')
                  : tier.prices
                      .map((price) =>
                        t(`membership.per.${price.period}`, {
                          amount: formatMoney(price.amountMinor, price.currency, language),
                        }),
                      )
                      .join(' · ')}
              </dd>
            </div>
            <div>
              <dt>{t('adminMembership.form.perks')}</dt>
              <dd>
                {Object.keys(tier.perks).length === 0
                  ? '—'
                  : Object.entries(tier.perks)
                      .map(([key, value]) => `${key} = ${String(value)}`)
                      .join(', ')}
              </dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}
