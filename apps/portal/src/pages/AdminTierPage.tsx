import { ApiError } from '@orbit/ui/api';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { membershipAdmin } from '../api/membership';
import type { Tier } from '../api/membership-types';
import { api } from '../api/orbit';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { FormError } from '../components/FormError';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import { TierBadge, useTierName } from '../components/TierBadge';
import { formatDateTime } from '../i18n/dates';
import { useAction } from '../lib/use-action';
import { useLoad } from '../lib/use-load';
import { AdminNav } from './admin/AdminNav';
import { isForbidden } from './admin/services';
import { PricesForm } from './admin/tiers/PricesForm';
import { TierForm } from './admin/tiers/TierForm';
import { ForbiddenPage } from './ForbiddenPage';

/** The admin tier list holds every tier; one is picked from it (there is no single-tier endpoint). */
async function loadTier(id: string): Promise<Tier> {
  const tier = (await membershipAdmin.tiers()).find((x) => x.id === id);
  if (!tier) throw new ApiError(404, 'membership.tier_not_found', `No tier ${id}.`);
  return tier;
}

/**
 * `/admin/tiers/new` and `/admin/tiers/:id`, for admins: create a tier, or edit one — its details and perks,
 * its prices (now or from a later time), and retiring it. Rendered inside `RequireAdmin`.
 */
export function AdminTierPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const created = (useLocation().state as { created?: boolean } | null)?.created === true;
  const services = useLoad(api.listAdminServices, 'services');
  const tier = useLoad(() => (id ? loadTier(id) : Promise.resolve(null)), id ?? 'new');
  const tierName = useTierName();

  const forbidden = [services.state, tier.state].some((s) => s.status === 'error' && isForbidden(s.error));
  if (forbidden) return <ForbiddenPage />;
  const current = tier.state.status === 'ready' ? tier.state.value : null;
  const failed = [tier.state, services.state].find((s) => s.status === 'error');
  const ready = tier.state.status === 'ready' && services.state.status === 'ready';

  return (
    <div className="page-wide admin-page" data-testid="admin-tier-page">
      <PageTitle
        page={
          current
            ? t('adminMembership.tierPageTitle', { name: tierName(current) })
            : id
              ? t('adminMembership.tierPageTitle', { name: id })
              : t('adminMembership.newPageTitle')
        }
      />
      <AdminNav />
      <p>
        <Link to="/admin/tiers" data-testid="admin-tier-back">
          {t('adminMembership.back')}
        </Link>
      </p>
      {!ready && !failed && <Loading label={t('adminMembership.loading')} />}
      {failed?.status === 'error' &&
        (failed.error instanceof ApiError && failed.error.code === 'membership.tier_not_found' ? (
          <p className="card admin-empty" data-testid="admin-tier-not-found">
            {t('adminMembership.notFound')}
          </p>
        ) : (
          <div className="launcher-problem">
            <FormError error={failed.error} />
            <button
              type="button"
              className="button"
              onClick={() => {
                tier.retry();
                services.retry();
              }}
            >
              {t('app.retry')}
            </button>
          </div>
        ))}
      {ready && services.state.status === 'ready' && !current && !id && (
        <section className="card account-section" aria-labelledby="tier-new-title">
          <h1 id="tier-new-title">{t('adminMembership.form.newTitle')}</h1>
          <TierForm
            services={services.state.value}
            onSaved={(saved) =>
              navigate(`/admin/tiers/${encodeURIComponent(saved.id)}`, { state: { created: true } })
            }
          />
        </section>
      )}
      {ready && services.state.status === 'ready' && current && (
        <>
          <header className="admin-header">
            <div className="account-title">
              <h1 data-testid="admin-tier-title">
                <TierBadge tier={current} />
              </h1>
              {current.retired && (
                <span className="badge badge-disabled">{t('adminMembership.retired')}</span>
              )}
            </div>
            {created && (
              <p className="alert alert-success" role="status" data-testid="admin-tier-created">
                {t('adminMembership.form.created', { name: tierName(current) })}
              </p>
            )}
            {current.retiredAt && (
              <p className="alert alert-info" data-testid="admin-tier-retired-note">
                {t('adminMembership.retiredOn', {
                  date: formatDateTime(current.retiredAt, i18n.resolvedLanguage ?? 'en'),
                })}
              </p>
            )}
          </header>
          <section className="card account-section" aria-labelledby="tier-details">
            <h2 id="tier-details">{t('adminMembership.form.details')}</h2>
            <TierForm tier={current} services={services.state.value} onSaved={tier.set} />
          </section>
          <section className="card account-section" aria-labelledby="tier-prices">
            <h2 id="tier-prices">{t('adminMembership.prices.title')}</h2>
            <p className="section-intro">{t('adminMembership.prices.intro')}</p>
            <PricesForm tier={current} onSaved={tier.set} />
          </section>
          {!current.retired && <RetireSection tier={current} onRetired={tier.set} />}
        </>
      )}
    </div>
  );
}

/** Retiring stops sales for good; the confirmation says subscribers keep the tier until their period ends. */
function RetireSection({ tier, onRetired }: { tier: Tier; onRetired: (tier: Tier) => void }) {
  const { t } = useTranslation();
  const tierName = useTierName();
  const name = tierName(tier);
  const [confirming, setConfirming] = useState(false);
  const retire = useAction(membershipAdmin.retireTier);
  return (
    <section className="card account-section" aria-labelledby="tier-retire">
      <h2 id="tier-retire">{t('adminMembership.retire.title')}</h2>
      <p className="section-intro">{t('adminMembership.retire.intro')}</p>
      <FormError error={retire.error} />
      <div className="form-actions">
        <button
          type="button"
          className="button button-danger"
          data-testid="tier-retire"
          disabled={retire.pending}
          onClick={() => setConfirming(true)}
        >
          {retire.pending ? t('adminMembership.retire.retiring') : t('adminMembership.retire.button')}
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          title={t('adminMembership.retire.confirmTitle', { name })}
          confirmLabel={t('adminMembership.retire.confirmOk', { name })}
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            setConfirming(false);
            const result = await retire.run(tier.id);
            if (result.ok) onRetired(result.value);
          }}
        >
          <p>{t('adminMembership.retire.confirmBody')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
