import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/space';
import { REPORT_REASONS, type ReportReason } from '../api/types';
import { useApp } from '../lib/app-context';
import { useErrorText } from '../lib/use-error-text';

/** "Report" beside a post or comment: opens the report dialog. */
export function ReportButton({ targetType, targetId }: { targetType: 'post' | 'comment'; targetId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="link-button" onClick={() => setOpen(true)} data-testid="report-button">
        {t('item.report')}
      </button>
      {open && <ReportDialog targetType={targetType} targetId={targetId} onClose={() => setOpen(false)} />}
    </>
  );
}

/** Why the reader reports something, and a few words more; sent once per reader and target. */
function ReportDialog({
  targetType,
  targetId,
  onClose,
}: {
  targetType: 'post' | 'comment';
  targetId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { notify } = useApp();
  const describe = useErrorText();
  const dialog = useRef<HTMLDialogElement>(null);
  const detailsId = useId();
  const [reason, setReason] = useState<ReportReason>('spam');
  const [details, setDetails] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSending(true);
    try {
      await api.report(targetType, targetId, reason, details);
      notify(t('report.sent'));
      onClose();
    } catch (error) {
      setProblem(describe(error));
      setSending(false);
    }
  }

  return (
    <dialog
      ref={dialog}
      className="dialog"
      onClose={onClose}
      onCancel={onClose}
      aria-label={t('report.title')}
    >
      <form onSubmit={submit} className="stack">
        <h2>{t('report.title')}</h2>
        <fieldset>
          <legend>{t('report.reasonLabel')}</legend>
          {REPORT_REASONS.map((value) => (
            <label key={value} className="check">
              <input
                type="radio"
                name="reason"
                value={value}
                checked={reason === value}
                onChange={() => setReason(value)}
              />
              {t(`report.reasons.${value}`)}
            </label>
          ))}
        </fieldset>
        <label htmlFor={detailsId}>{t('report.details')}</label>
        <textarea
          id={detailsId}
          value={details}
          maxLength={1000}
          rows={3}
          onChange={(e) => setDetails(e.target.value)}
        />
        {problem && (
          <p role="alert" className="alert alert-error">
            {problem}
          </p>
        )}
        <div className="row">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-danger" disabled={sending}>
            {t('report.send')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
