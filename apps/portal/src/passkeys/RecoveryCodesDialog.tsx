import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import { formatDateTime } from '../i18n/dates';
import { type CopyOutcome, copyText, pageClipboard, selectAndCopy } from '../lib/clipboard';
import { downloadFile } from '../lib/download';
import { formatRecoveryCode, recoveryCodesFile, recoveryCodesFileName } from './recovery-codes';

interface RecoveryCodesDialogProps {
  codes: readonly string[];
  accountNumber: string;
  /** The reader saved them (or closed the dialog): they are gone from the page for good. */
  onDone: () => void;
}

/**
 * New recovery codes, shown this once (the hub keeps only their hashes): copy them, or save them as a text file,
 * then say so. Each one completes one sign-in when the reader has no passkey at hand.
 */
export function RecoveryCodesDialog({ codes, accountNumber, onDone }: RecoveryCodesDialogProps) {
  const { t, i18n } = useTranslation();
  const listRef = useRef<HTMLOListElement>(null);
  const [copied, setCopied] = useState<CopyOutcome | null>(null);
  const [generatedAt] = useState(() => new Date().toISOString());
  const shown = codes.map(formatRecoveryCode);

  const copy = async () => {
    setCopied(await copyText(shown.join('\n'), pageClipboard(), () => selectAndCopy(listRef.current)));
  };

  const download = () => {
    const text = recoveryCodesFile(codes, {
      title: t('recoveryCodes.file.title'),
      account: t('recoveryCodes.file.account', { accountNumber }),
      generated: t('recoveryCodes.file.generated', {
        date: formatDateTime(generatedAt, i18n.resolvedLanguage ?? 'en'),
      }),
      note: t('recoveryCodes.file.note'),
    });
    downloadFile(recoveryCodesFileName(accountNumber), text, 'text/plain;charset=utf-8');
  };

  return (
    <Dialog title={t('recoveryCodes.title')} onDismiss={onDone} testId="recovery-codes-dialog">
      <div className="dialog-body">
        <p className="alert alert-info">{t('recoveryCodes.once')}</p>
        <p>{t('recoveryCodes.what')}</p>
        <ol ref={listRef} className="recovery-codes" data-testid="recovery-codes">
          {shown.map((code) => (
            <li key={code}>
              <code data-testid="recovery-code">{code}</code>
            </li>
          ))}
        </ol>
        <div className="recovery-codes-actions">
          <button
            type="button"
            className="button"
            data-autofocus
            data-testid="recovery-codes-copy"
            onClick={copy}
          >
            {t('recoveryCodes.copy')}
          </button>
          <button type="button" className="button" data-testid="recovery-codes-download" onClick={download}>
            {t('recoveryCodes.download')}
          </button>
        </div>
        <p role="status" className="form-status">
          {copied === 'copied' && <span className="saved">{t('recoveryCodes.copied')}</span>}
          {copied === 'selected' && t('recoveryCodes.selected')}
        </p>
      </div>
      <div className="dialog-actions">
        <button
          type="button"
          className="button button-primary"
          data-testid="recovery-codes-confirm"
          onClick={onDone}
        >
          {t('recoveryCodes.saved')}
        </button>
      </div>
    </Dialog>
  );
}
