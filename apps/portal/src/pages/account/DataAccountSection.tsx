import { ACCOUNT_DELETION_GRACE_DAYS } from '@orbit/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setCsrfToken } from '../../api/client';
import type { Account } from '../../api/types';
import { DeleteAccountDialog } from './DeleteAccountDialog';
import { ExportPanel } from './ExportPanel';
import { Section } from './Section';

/** Where the reader lands once the deletion is scheduled: the start page, signed out, which says when it goes. */
export const AFTER_DELETION = '/?account_deleted=1';

interface DataAccountSectionProps {
  account: Account;
  /** Whether the account has a passkey; null while not known (deleting then waits). */
  passkeyProtection: boolean | null;
  /** An export was requested: it is recorded in the security log. */
  onExported: () => void;
}

/**
 * The danger zone: an archive of the account's data in Orbit and every service (`ExportPanel`), and deleting the
 * account. Both need a fresh step-up when the account has a passkey, which the client asks for itself.
 */
export function DataAccountSection({ account, passkeyProtection, onExported }: DataAccountSectionProps) {
  const { t } = useTranslation();
  const [deleting, setDeleting] = useState(false);

  const deleted = () => {
    setCsrfToken(null);
    // A full page load: nothing of the account stays in memory, and the hub says there is no session.
    window.location.assign(AFTER_DELETION);
  };

  return (
    <Section title={t('dataAccount.title')} intro={t('dataAccount.intro')}>
      <ExportPanel onRequested={onExported} />
      <div className="security-block danger-zone" id="delete">
        <h3>{t('dataAccount.delete.heading')}</h3>
        <p className="section-intro">{t('dataAccount.delete.body', { days: ACCOUNT_DELETION_GRACE_DAYS })}</p>
        <div>
          <button
            type="button"
            className="button button-danger"
            data-testid="account-delete"
            disabled={passkeyProtection === null}
            onClick={() => setDeleting(true)}
          >
            {t('dataAccount.delete.button')}
          </button>
        </div>
      </div>
      {deleting && passkeyProtection !== null && (
        <DeleteAccountDialog
          account={account}
          needsPassword={!passkeyProtection}
          onDeleted={deleted}
          onCancel={() => setDeleting(false)}
        />
      )}
    </Section>
  );
}
