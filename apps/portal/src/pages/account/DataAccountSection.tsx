import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setCsrfToken } from '../../api/client';
import { security } from '../../api/security';
import type { Account } from '../../api/types';
import { FormError } from '../../components/FormError';
import { downloadFile } from '../../lib/download';
import { useAction } from '../../lib/use-action';
import { DeleteAccountDialog } from './DeleteAccountDialog';
import { Section } from './Section';

/** Where a deleted account's reader lands: the start page, signed out, which says the account is gone. */
export const AFTER_DELETION = '/?account_deleted=1';

/** e.g. `orbit-account-12345678.json`. */
const exportFileName = (accountNumber: string) => `orbit-account-${accountNumber}.json`;

interface DataAccountSectionProps {
  account: Account;
  /** Whether the account has a passkey; null while not known (deleting then waits). */
  passkeyProtection: boolean | null;
  /** The export is recorded in the security log. */
  onExported: () => void;
}

/**
 * The danger zone: a copy of everything the hub keeps about the account, and deleting the account for good.
 * Both need a fresh step-up when the account has a passkey, which the client asks for itself.
 */
export function DataAccountSection({ account, passkeyProtection, onExported }: DataAccountSectionProps) {
  const { t } = useTranslation();
  const [exported, setExported] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const exportData = useAction(security.exportData);

  const download = async () => {
    setExported(false);
    const result = await exportData.run();
    if (!result.ok) return;
    downloadFile(
      exportFileName(account.accountNumber),
      `${JSON.stringify(result.value, null, 2)}\n`,
      'application/json',
    );
    setExported(true);
    onExported();
  };

  const deleted = () => {
    setCsrfToken(null);
    // A full page load: nothing of the account stays in memory, and the hub says there is no session.
    window.location.assign(AFTER_DELETION);
  };

  return (
    <Section title={t('dataAccount.title')} intro={t('dataAccount.intro')}>
      <div className="security-block security-block-first" id="export">
        <h3>{t('dataAccount.export.title')}</h3>
        <p className="section-intro">{t('dataAccount.export.body')}</p>
        <FormError error={exportData.error} />
        <div className="form-actions">
          <button
            type="button"
            className="button"
            data-testid="account-export"
            disabled={exportData.pending}
            onClick={download}
          >
            {exportData.pending ? t('dataAccount.export.preparing') : t('dataAccount.export.button')}
          </button>
          <div role="status" className="form-status">
            {exported && (
              <span className="saved" data-testid="account-exported">
                {t('dataAccount.export.done')}
              </span>
            )}
          </div>
        </div>
      </div>
      <div className="security-block danger-zone" id="delete">
        <h3>{t('dataAccount.delete.heading')}</h3>
        <p className="section-intro">{t('dataAccount.delete.body')}</p>
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
