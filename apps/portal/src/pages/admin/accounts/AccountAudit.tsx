import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import { useLoad } from '../../../lib/use-load';
import { AuditEntryList } from '../audit/AuditEntryList';
import { auditPathFor, NO_AUDIT_FILTERS, searchAudit } from '../audit/entries';

/** The latest entries shown on the account's page; the audit log page has them all. */
const SHOWN = 10;

/**
 * What staff did to the account, newest first (the audit log's entries whose target it is), with a link to all
 * of them in the audit log. `version` changes after an action on the page, to show it at once.
 */
export function AccountAudit({ accountId, version }: { accountId: string; version: number }) {
  const { t } = useTranslation();
  const entries = useLoad(
    () => searchAudit({ ...NO_AUDIT_FILTERS, target: accountId }, null, SHOWN),
    `${accountId}:${version}`,
  );
  return (
    <section
      className="card account-section"
      aria-labelledby="admin-account-audit"
      data-testid="admin-account-audit"
    >
      <h2 id="admin-account-audit">{t('adminAccounts.audit.onAccount')}</h2>
      {entries.state.status === 'loading' && <Loading label={t('adminAccounts.audit.loading')} />}
      {entries.state.status === 'error' && <FormError error={entries.state.error} />}
      {entries.state.status === 'ready' &&
        (entries.state.value.entries.length === 0 ? (
          <p className="admin-none" data-testid="admin-account-audit-empty">
            {t('adminAccounts.audit.noneOnAccount')}
          </p>
        ) : (
          <AuditEntryList entries={entries.state.value.entries} />
        ))}
      <p>
        <Link to={auditPathFor(accountId)} data-testid="admin-account-audit-link">
          {t('adminAccounts.audit.allOnAccount')}
        </Link>
      </p>
    </section>
  );
}
