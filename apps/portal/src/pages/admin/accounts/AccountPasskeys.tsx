import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AdminAccountDetail, type AdminPasskey, adminAccounts } from '../../../api/admin-accounts';
import { formatDateTime } from '../../../i18n/dates';
import { useAction } from '../../../lib/use-action';
import { ActionDialog } from './ActionDialog';

/**
 * The account's passkeys (name, added, last used), and for those who may: removing one, after a confirmation
 * that says what happens when it was the last (passkey protection off, recovery codes gone). For a lost device.
 */
export function AccountPasskeys({
  account,
  canWrite,
  onRemoved,
}: {
  account: AdminAccountDetail;
  canWrite: boolean;
  onRemoved: (passkey: AdminPasskey) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const [asking, setAsking] = useState<AdminPasskey | null>(null);
  const remove = useAction((passkey: AdminPasskey) => adminAccounts.removePasskey(account.id, passkey.id));
  const last = account.passkeys.length === 1;

  const confirm = async () => {
    if (!asking) return;
    const result = await remove.run(asking);
    if (result.ok) {
      setAsking(null);
      onRemoved(asking);
    }
  };

  return (
    <section
      className="card account-section"
      aria-labelledby="admin-account-passkeys"
      data-testid="admin-account-passkey-list"
    >
      <h2 id="admin-account-passkeys">{t('adminAccounts.passkeys.title')}</h2>
      {account.passkeys.length === 0 ? (
        <p className="admin-none">{t('adminAccounts.passkeys.none')}</p>
      ) : (
        <ul className="session-list">
          {account.passkeys.map((passkey) => (
            <li
              key={passkey.id}
              className="session-row"
              data-testid="admin-passkey-row"
              data-passkey-id={passkey.id}
            >
              <div className="session-main">
                <p className="session-device">{passkey.name}</p>
                <dl className="session-facts">
                  <div>
                    <dt>{t('adminAccounts.passkeys.added')}</dt>
                    <dd>
                      <time dateTime={passkey.createdAt}>{formatDateTime(passkey.createdAt, language)}</time>
                    </dd>
                  </div>
                  <div>
                    <dt>{t('adminAccounts.passkeys.lastUsed')}</dt>
                    <dd>
                      {passkey.lastUsedAt ? (
                        <time dateTime={passkey.lastUsedAt}>
                          {formatDateTime(passkey.lastUsedAt, language)}
                        </time>
                      ) : (
                        t('adminAccounts.passkeys.never')
                      )}
                    </dd>
                  </div>
                </dl>
              </div>
              {canWrite && (
                <div className="row-actions">
                  <button
                    type="button"
                    className="button button-danger"
                    data-testid="admin-passkey-remove"
                    aria-label={t('adminAccounts.passkeys.removeLabel', { name: passkey.name })}
                    onClick={() => {
                      remove.reset();
                      setAsking(passkey);
                    }}
                  >
                    {t('adminAccounts.passkeys.remove')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {asking && (
        <ActionDialog
          title={t('adminAccounts.passkeys.confirmTitle', { name: asking.name })}
          confirmLabel={t('adminAccounts.passkeys.remove')}
          pendingLabel={t('adminAccounts.passkeys.removing')}
          danger
          pending={remove.pending}
          error={remove.error}
          onConfirm={confirm}
          onCancel={() => setAsking(null)}
        >
          <p>
            {last
              ? t('adminAccounts.passkeys.confirmLast', { name: account.displayName })
              : t('adminAccounts.passkeys.confirmBody', { name: account.displayName })}
          </p>
        </ActionDialog>
      )}
    </section>
  );
}
