import { useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { ServiceRotation } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { formatDateTime } from '../../i18n/dates';
import { type CopyOutcome, copyText, pageClipboard, selectAndCopy } from '../../lib/clipboard';
import { rotateCommandOf } from './services';

interface SecretDialogProps {
  serviceId: string;
  name: string;
  rotation: ServiceRotation;
  onClose: () => void;
}

/**
 * A service's new client secret, shown this once (the hub keeps only its hash), with a copy button, when the
 * old one stops working, and whether the hub already wrote the new one where the service reads it (then the
 * service picks it up by itself) or what the admin has to do for it.
 */
export function SecretDialog({ serviceId, name, rotation, onClose }: SecretDialogProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const { clientSecret, previousSecretExpiresAt, credentialsFile } = rotation;
  const secretRef = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<CopyOutcome | null>(null);

  const copy = async () => {
    setCopied(await copyText(clientSecret, pageClipboard(), () => selectAndCopy(secretRef.current)));
  };

  const code = <code />;
  return (
    <Dialog
      title={t('admin.services.secret.title', { name })}
      onDismiss={onClose}
      testId="admin-secret-dialog"
    >
      <p className="alert alert-info">{t('admin.services.secret.once')}</p>
      <div className="secret-field">
        <span className="secret-label">{t('admin.services.secret.label')}</span>
        <div className="secret-row">
          <code ref={secretRef} className="secret-value" data-testid="admin-secret">
            {clientSecret}
          </code>
          <button
            type="button"
            className="button"
            data-autofocus
            data-testid="admin-secret-copy"
            onClick={copy}
          >
            {t('admin.services.secret.copy')}
          </button>
        </div>
        <p role="status" className="form-status">
          {copied === 'copied' && <span className="saved">{t('admin.services.secret.copied')}</span>}
          {copied === 'selected' && t('admin.services.secret.selected')}
        </p>
      </div>
      <ul className="secret-notes">
        <li data-testid="admin-secret-grace" data-expires={previousSecretExpiresAt ?? ''}>
          {previousSecretExpiresAt
            ? t('adminClients.secret.graceUntil', { date: formatDateTime(previousSecretExpiresAt, language) })
            : t('adminClients.secret.stoppedAtOnce')}
        </li>
        {credentialsFile ? (
          <li data-testid="admin-secret-file" data-written="yes">
            {t('adminClients.secret.fileWritten', { file: credentialsFile })}
          </li>
        ) : (
          <>
            <li data-testid="admin-secret-file" data-written="no">
              {t('adminClients.secret.fileNotWritten')}
            </li>
            <li>
              <Trans
                i18nKey="admin.services.secret.cli"
                values={{ command: rotateCommandOf(serviceId) }}
                components={{ code }}
              />
            </li>
          </>
        )}
      </ul>
      <div className="dialog-actions">
        <button
          type="button"
          className="button button-primary"
          data-testid="admin-secret-close"
          onClick={onClose}
        >
          {t('admin.services.secret.close')}
        </button>
      </div>
    </Dialog>
  );
}
