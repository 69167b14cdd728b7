import { useTranslation } from 'react-i18next';
import { useApp } from '../lib/app-context';

/** The short lines actions leave (posted, deleted, a refusal), read out by screen readers. */
export function Notices() {
  const { t } = useTranslation();
  const { notices, dismiss } = useApp();
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((notice) => (
        <p key={notice.id} className={`notice notice-${notice.kind}`} data-testid="notice">
          <span>{notice.text}</span>
          <button
            type="button"
            className="icon-button"
            aria-label={t('common.dismiss')}
            onClick={() => dismiss(notice.id)}
          >
            <span aria-hidden="true">×</span>
          </button>
        </p>
      ))}
    </div>
  );
}
