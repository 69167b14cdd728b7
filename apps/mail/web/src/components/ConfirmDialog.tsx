import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Question {
  message: string;
  confirmLabel: string;
  danger: boolean;
  answer: (yes: boolean) => void;
}

/**
 * "Are you sure?" as a real modal `<dialog>`: focus moves into it (onto Cancel, the safe answer, first in
 * order), Escape cancels, and the page behind is inert until it is answered. `confirm()` resolves true only for
 * the confirming button.
 */
export function useConfirm(): {
  confirm: (q: Omit<Question, 'answer'>) => Promise<boolean>;
  dialog: ReactNode;
} {
  const [question, setQuestion] = useState<Question | null>(null);

  const confirm = useCallback(
    (q: Omit<Question, 'answer'>) =>
      new Promise<boolean>((resolve) => {
        setQuestion({ ...q, answer: resolve });
      }),
    [],
  );

  const dialog = question && (
    <ConfirmDialog
      question={question}
      onAnswer={(yes) => {
        question.answer(yes);
        setQuestion(null);
      }}
    />
  );
  return { confirm, dialog };
}

function ConfirmDialog({ question, onAnswer }: { question: Question; onAnswer: (yes: boolean) => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const messageId = useId();
  const answered = useRef(false);
  const answer = (yes: boolean) => {
    if (answered.current) return;
    answered.current = true;
    onAnswer(yes);
  };

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-describedby={messageId}
      data-testid="confirm-dialog"
      onClose={() => answer(false)}
    >
      <p id={messageId} className="confirm-message">
        {question.message}
      </p>
      <div className="confirm-actions">
        <button type="button" className="button" data-testid="confirm-cancel" onClick={() => answer(false)}>
          {t('confirm.cancel')}
        </button>
        <button
          type="button"
          className={`button ${question.danger ? 'button-danger' : 'button-primary'}`}
          data-testid="confirm-ok"
          onClick={() => answer(true)}
        >
          {question.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
