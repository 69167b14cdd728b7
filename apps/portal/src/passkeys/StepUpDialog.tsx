import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import { FormError } from '../components/FormError';
import { useAction } from '../lib/use-action';
import { cancelPasskeyCeremony, stepUpWithPasskey } from './ceremonies';
import { isAborted } from './ceremony-error';

interface StepUpDialogProps {
  onConfirmed: () => void;
  onCancel: () => void;
}

/**
 * "Confirm with your passkey": a sensitive action needs a passkey assertion made in the last five minutes. The
 * reader starts it with the button (browsers want a click before a passkey prompt); a failure stays shown here,
 * with the button to try again, until the reader confirms or cancels.
 */
export function StepUpDialog({ onConfirmed, onCancel }: StepUpDialogProps) {
  const { t } = useTranslation();
  const stepUp = useAction(stepUpWithPasskey);
  const error = isAborted(stepUp.error) ? null : stepUp.error;

  const confirm = async () => {
    const result = await stepUp.run();
    if (result.ok) onConfirmed();
  };

  const cancel = () => {
    if (stepUp.pending) cancelPasskeyCeremony();
    onCancel();
  };

  return (
    <Dialog title={t('stepUp.title')} onDismiss={cancel} testId="step-up-dialog">
      <div className="dialog-body">
        <p>{t('stepUp.body')}</p>
        <FormError error={error} />
      </div>
      <div className="dialog-actions">
        <button type="button" className="button" data-testid="step-up-cancel" onClick={cancel}>
          {t('stepUp.cancel')}
        </button>
        <button
          type="button"
          className="button button-primary"
          data-autofocus
          data-testid="step-up-confirm"
          disabled={stepUp.pending}
          onClick={confirm}
        >
          {stepUp.pending ? t('stepUp.waiting') : error ? t('stepUp.retry') : t('stepUp.confirm')}
        </button>
      </div>
    </Dialog>
  );
}
