import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** The label of the button that backs out; "Cancel" unless the action itself is a cancellation. */
  cancelLabel?: string;
  /** For actions that break something until undone (disabling, rotating a secret): the red button. */
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks before an action; Cancel has the focus, so pressing Enter by reflex does nothing harmful. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  cancelLabel,
  danger = false,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog title={title} onDismiss={onCancel} testId="confirm-dialog">
      <div className="dialog-body">{children}</div>
      <div className="dialog-actions">
        <button
          type="button"
          className="button"
          data-autofocus
          data-testid="confirm-cancel"
          onClick={onCancel}
        >
          {cancelLabel ?? t('admin.services.confirm.cancel')}
        </button>
        <button
          type="button"
          className={danger ? 'button button-danger-solid' : 'button button-primary'}
          data-testid="confirm-ok"
          onClick={onConfirm}
        >
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
