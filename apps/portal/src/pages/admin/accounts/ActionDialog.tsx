import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../components/Dialog';
import { AdminError } from './AdminError';
import { REASON_MAX } from './actions';

interface ActionDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** The red button, for actions that lock someone out or delete something. */
  danger?: boolean;
  /** Asks for a reason (required); it goes to the audit log and the owner's security log. */
  reason?: { label: string; hint: string };
  /** Asks the reader to type this text (the account's handle) before the button works. */
  typeToConfirm?: { text: string; label: string };
  /** While the action runs: the button says so and waits. */
  pending: boolean;
  pendingLabel: string;
  /** The last failure, shown in the dialog (it stays open to try again). */
  error: unknown;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

/**
 * Confirms an action on an account before it is sent: says what it does, asks for a reason or a typed
 * confirmation when the action needs one, and stays open with the hub's answer when it fails. Cancel has the
 * focus, so Enter by reflex does nothing harmful.
 */
export function ActionDialog({
  title,
  children,
  confirmLabel,
  danger = false,
  reason,
  typeToConfirm,
  pending,
  pendingLabel,
  error,
  onConfirm,
  onCancel,
}: ActionDialogProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [typed, setTyped] = useState('');
  const reasonId = useId();
  const typedId = useId();
  const ready =
    (!reason || text.trim().length > 0) && (!typeToConfirm || typed.trim() === typeToConfirm.text);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (ready && !pending) onConfirm(text.trim());
  };

  return (
    <Dialog title={title} onDismiss={onCancel} testId="confirm-dialog">
      <form onSubmit={submit} className="form">
        <div className="dialog-body">
          {children}
          {reason && (
            <div className="field">
              <label htmlFor={reasonId}>{reason.label}</label>
              <textarea
                id={reasonId}
                value={text}
                required
                maxLength={REASON_MAX}
                rows={3}
                data-autofocus
                aria-describedby={`${reasonId}-hint`}
                data-testid="action-reason"
                onChange={(event) => setText(event.target.value)}
              />
              <p id={`${reasonId}-hint`} className="field-hint">
                {reason.hint}
              </p>
            </div>
          )}
          {typeToConfirm && (
            <div className="field">
              <label htmlFor={typedId}>{typeToConfirm.label}</label>
              <input
                id={typedId}
                value={typed}
                autoComplete="off"
                spellCheck={false}
                data-autofocus={reason ? undefined : true}
                data-testid="action-type-confirm"
                onChange={(event) => setTyped(event.target.value)}
              />
            </div>
          )}
          <AdminError error={error} />
        </div>
        <div className="dialog-actions">
          <button
            type="button"
            className="button"
            data-autofocus
            data-testid="confirm-cancel"
            onClick={onCancel}
          >
            {t('admin.services.confirm.cancel')}
          </button>
          <button
            type="submit"
            className={danger ? 'button button-danger-solid' : 'button button-primary'}
            disabled={!ready || pending}
            data-testid="confirm-ok"
          >
            {pending ? pendingLabel : confirmLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
