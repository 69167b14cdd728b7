import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { membershipAdmin } from '../api/membership';
import { api } from '../api/orbit';
import { FormError } from '../components/FormError';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import { useLoad } from '../lib/use-load';
import { AdminNav } from './admin/AdminNav';
import { isForbidden } from './admin/services';
import { RevenueSection } from './admin/tiers/RevenueSection';
import { TierList } from './admin/tiers/TierList';
import { VipLevelsSection } from './admin/tiers/VipLevelsSection';
import { ForbiddenPage } from './ForbiddenPage';

/**
 * `/admin/tiers`, for admins: every membership tier (retired ones marked) with a way to create and edit them,
 * revenue per tier, and the VIP level thresholds. Rendered inside `RequireAdmin`.
 */
export function AdminTiersPage() {
  const { t } = useTranslation();
  const tiers = useLoad(membershipAdmin.tiers, 'tiers');
  // Service names for service tiers; the list still shows without them.
  const services = useLoad(() => api.listAdminServices().catch(() => []), 'services');

  if (tiers.state.status === 'error' && isForbidden(tiers.state.error)) return <ForbiddenPage />;

  return (
    <div className="page-wide admin-page" data-testid="admin-tiers-page">
      <PageTitle page={t('adminMembership.pageTitle')} />
      <AdminNav />
      <header className="admin-header admin-header-actions">
        <div>
          <p className="admin-section-name">{t('adminMembership.section')}</p>
          <h1>{t('adminMembership.title')}</h1>
          <p className="card-intro">{t('adminMembership.intro')}</p>
        </div>
        <Link to="/admin/tiers/new" className="button button-primary" data-testid="admin-tier-new">
          {t('adminMembership.newTier')}
        </Link>
      </header>
      {tiers.state.status === 'loading' && <Loading label={t('adminMembership.loading')} />}
      {tiers.state.status === 'error' && (
        <div className="launcher-problem">
          <FormError error={tiers.state.error} />
          <button type="button" className="button" onClick={tiers.retry}>
            {t('app.retry')}
          </button>
        </div>
      )}
      {tiers.state.status === 'ready' && (
        <TierList
          tiers={tiers.state.value}
          services={services.state.status === 'ready' ? services.state.value : []}
        />
      )}
      <RevenueSection />
      <VipLevelsSection />
    </div>
  );
}
