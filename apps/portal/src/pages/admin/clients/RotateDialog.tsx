import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_GRACE_HOURS, MAX_GRACE_HOURS } from '../../../api/admin-clients';
import { Dialog } from '../../../components/Dialog';
import { ClientError } from './ClientError';
import { validGrace } from './form';

interface RotateDialogProps {
  name: string;
  /** The client still has a replaced secret in its grace: a rotation now ends that one at once. */
  inGrace: boolean;
  pending: boolean;
  error: unknown;
  onConfirm: (graceHours: number) => void;
  onCancel: () => void;
}

/**
 * Asks before a rotation, and for how long the current secret keeps working (default 24 hours), saying when a
 * rotation still in its grace means the oldest secret stops now.
 */
export function RotateDialog({ name, inGrace, pending, error, onConfirm, onCancel }: RotateDialogProps) {
  const { t } = useTranslation();
  const [grace, setGrace] = useState(String(DEFAULT_GRACE_HOURS));
  const id = useId();
  const valid = validGrace(grace, MAX_GRACE_HOURS);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (valid && !pending) onConfirm(Number(grace.trim()));
  };
  return (
    <Dialog
      title={t('adminClients.rotate.title', { name })}
      onDismiss={onCancel}
      testId="client-rotate-dialog"
    >
      <form onSubmit={submit} className="form">
        <div className="dialog-body">
          <p>{t('adminClients.rotate.body')}</p>
          {inGrace ? (
            <p className="alert alert-warning" data-testid="client-rotate-two-live">
              {t('adminClients.rotate.twoLive', { name })}
            </p>
          ) : (
            <p className="field-hint">{t('adminClients.rotate.twoLiveRule')}</p>
          )}
          <div className="field">
            <label htmlFor={id}>{t('adminClients.rotate.grace')}</label>
            <input
              id={id}
              value={grace}
              inputMode="numeric"
              autoComplete="off"
              aria-invalid={!valid}
              aria-describedby={`${id}-hint`}
              data-testid="client-rotate-grace"
              onChange={(event) => setGrace(event.target.value)}
            />
            <p id={`${id}-hint`} className={valid ? 'field-hint' : 'field-error'}>
              {valid ? t('adminClients.rotate.graceHint') : t('adminClients.rotate.graceInvalid')}
            </p>
          </div>
          <ClientError error={error} />
        </div>
        <div className="dialog-actions">
          <button
            type="button"
            className="button"
            data-autofocus
            data-testid="confirm-cancel"
            onClick={onCancel}
          >
            {t('adminClients.confirm.cancel')}
          </button>
          <button
            type="submit"
            className="button button-danger-solid"
            disabled={!valid || pending}
            data-testid="client-rotate-ok"
          >
            {pending ? t('adminClients.rotate.running') : t('adminClients.rotate.ok')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
