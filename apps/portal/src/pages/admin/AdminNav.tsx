import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type { Permission } from '../../api/types';
import { useSession } from '../../session/context';

/**
 * The admin console's sections (services, accounts, clients, membership tiers, outbox, account deletions, audit
 * log), on each of its pages: those the reader's permissions open (support sees accounts, outbox and the audit log).
 */
export function AdminNav() {
  const { t } = useTranslation();
  const { can } = useSession();
  const sections: { to: string; testId: string; label: string; permission: Permission }[] = [
    {
      to: '/admin/services',
      testId: 'admin-nav-services',
      label: t('admin.nav.services'),
      permission: 'services:write',
    },
    {
      to: '/admin/accounts',
      testId: 'admin-nav-accounts',
      label: t('admin.nav.accounts'),
      permission: 'accounts:read',
    },
    {
      to: '/admin/clients',
      testId: 'admin-nav-clients',
      label: t('adminClients.nav'),
      permission: 'clients:write',
    },
    {
      to: '/admin/tiers',
      testId: 'admin-nav-membership',
      label: t('admin.nav.membership'),
      permission: 'tiers:write',
    },
    {
      to: '/admin/outbox',
      testId: 'admin-nav-outbox',
      label: t('adminOutbox.nav'),
      permission: 'outbox:read',
    },
    {
      to: '/admin/deletions',
      testId: 'admin-nav-deletions',
      label: t('adminDeletions.nav'),
      permission: 'accounts:delete',
    },
    {
      to: '/admin/audit',
      testId: 'admin-nav-audit',
      label: t('adminAccounts.audit.title'),
      permission: 'audit:read',
    },
  ];
  return (
    <nav className="admin-nav" aria-label={t('admin.nav.label')}>
      {sections
        .filter((section) => can(section.permission))
        .map((section) => (
          <NavLink key={section.to} to={section.to} className="admin-nav-link" data-testid={section.testId}>
            {section.label}
          </NavLink>
        ))}
    </nav>
  );
}
