import { useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { type CopyOutcome, copyText, pageClipboard, selectAndCopy } from '../../lib/clipboard';
import { credentialsFileOf, rotateCommandOf } from './services';

interface SecretDialogProps {
  serviceId: string;
  name: string;
  clientSecret: string;
  onClose: () => void;
}

/**
 * A service's new client secret, shown this once (the hub keeps only its hash), with a copy button and what the
 * admin has to do next for the service to work again.
 */
export function SecretDialog({ serviceId, name, clientSecret, onClose }: SecretDialogProps) {
  const { t } = useTranslation();
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
        <li>{t('admin.services.secret.oldStopped', { name })}</li>
        <li>
          <Trans
            i18nKey="admin.services.secret.npmStart"
            values={{ file: credentialsFileOf(serviceId) }}
            components={{ code }}
          />
        </li>
        <li>
          <Trans
            i18nKey="admin.services.secret.cli"
            values={{ command: rotateCommandOf(serviceId) }}
            components={{ code }}
          />
        </li>
        <li>{t('admin.services.secret.elsewhere')}</li>
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
