import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** The admin console's sections (services, accounts, membership tiers, outbox), on each of its pages. */
export function AdminNav() {
  const { t } = useTranslation();
  return (
    <nav className="admin-nav" aria-label={t('admin.nav.label')}>
      <NavLink to="/admin/services" className="admin-nav-link" data-testid="admin-nav-services">
        {t('admin.nav.services')}
      </NavLink>
      <NavLink to="/admin/accounts" className="admin-nav-link" data-testid="admin-nav-accounts">
        {t('admin.nav.accounts')}
      </NavLink>
      <NavLink to="/admin/clients" className="admin-nav-link" data-testid="admin-nav-clients">
        {t('adminClients.nav')}
      </NavLink>
      <NavLink to="/admin/tiers" className="admin-nav-link" data-testid="admin-nav-membership">
        {t('admin.nav.membership')}
      </NavLink>
      <NavLink to="/admin/outbox" className="admin-nav-link" data-testid="admin-nav-outbox">
        {t('adminOutbox.nav')}
      </NavLink>
      <NavLink to="/admin/audit" className="admin-nav-link" data-testid="admin-nav-audit">
        {t('adminAccounts.audit.title')}
      </NavLink>
    </nav>
  );
}
