import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../components/Dialog';
import { formatDateTime } from '../../../i18n/dates';
import { type CopyOutcome, copyText, pageClipboard, selectAndCopy } from '../../../lib/clipboard';

export interface ShownSecret {
  clientId: string;
  name: string;
  clientSecret: string;
  /**
   * What became of the secret it replaced: `first` for a new client's first secret, null when it stopped at
   * once, else when its grace ends.
   */
  previous: 'first' | string | null;
  /** For a service: the credentials file the hub wrote it to (null: none; undefined: not a service). */
  credentialsFile?: string | null;
  /** The service's id, when the client is a service's. */
  service?: string | null;
}

/**
 * A client secret, shown this once (the hub keeps only its hash), with a copy button, when the secret it
 * replaced stops working, and — for a service — whether the hub already wrote it where the service reads it.
 */
export function ClientSecretDialog({ shown, onClose }: { shown: ShownSecret; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const secretRef = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<CopyOutcome | null>(null);
  const copy = async () => {
    setCopied(await copyText(shown.clientSecret, pageClipboard(), () => selectAndCopy(secretRef.current)));
  };
  const { previous } = shown;

  return (
    <Dialog
      title={t('adminClients.secret.title', { name: shown.name })}
      onDismiss={onClose}
      testId="client-secret-dialog"
    >
      <p className="alert alert-info">{t('adminClients.secret.once')}</p>
      <div className="secret-field">
        <span className="secret-label">{t('adminClients.secret.clientId')}</span>
        <div className="secret-row">
          <code className="secret-value" data-testid="client-secret-client-id">
            {shown.clientId}
          </code>
        </div>
      </div>
      <div className="secret-field">
        <span className="secret-label">{t('adminClients.secret.label')}</span>
        <div className="secret-row">
          <code ref={secretRef} className="secret-value" data-testid="client-secret">
            {shown.clientSecret}
          </code>
          <button
            type="button"
            className="button"
            data-autofocus
            data-testid="client-secret-copy"
            onClick={copy}
          >
            {t('adminClients.secret.copy')}
          </button>
        </div>
        <p role="status" className="form-status">
          {copied === 'copied' && <span className="saved">{t('adminClients.secret.copied')}</span>}
          {copied === 'selected' && t('adminClients.secret.selected')}
        </p>
      </div>
      <ul className="secret-notes">
        <li
          data-testid="client-secret-grace"
          data-expires={typeof previous === 'string' && previous !== 'first' ? previous : ''}
        >
          {previous === 'first'
            ? t('adminClients.secret.first')
            : previous === null
              ? t('adminClients.secret.stoppedAtOnce')
              : t('adminClients.secret.graceUntil', { date: formatDateTime(previous, language) })}
        </li>
        {shown.credentialsFile !== undefined && (
          <li data-testid="client-secret-file" data-written={shown.credentialsFile ? 'yes' : 'no'}>
            {shown.credentialsFile
              ? t('adminClients.secret.fileWritten', { file: shown.credentialsFile })
              : t('adminClients.secret.fileNotWritten')}
          </li>
        )}
      </ul>
      <div className="dialog-actions">
        <button
          type="button"
          className="button button-primary"
          data-testid="client-secret-close"
          onClick={onClose}
        >
          {t('adminClients.secret.close')}
        </button>
      </div>
    </Dialog>
  );
}
