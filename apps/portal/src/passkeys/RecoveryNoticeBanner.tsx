import { useTranslation } from 'react-i18next';
import { security } from '../api/security';
import type { RecoveryNotice } from '../api/types';
import { FormError } from '../components/FormError';
import { formatDateTime } from '../i18n/dates';
import { useAction } from '../lib/use-action';

interface RecoveryNoticeBannerProps {
  notice: RecoveryNotice;
  /** The hub forgot the notice: stop showing it. */
  onDismissed: () => void;
}

/**
 * A recovery code was used to sign in: says when and from where, and what to do if it wasn't the owner. Shown
 * on the account and home pages until dismissed.
 */
export function RecoveryNoticeBanner({ notice, onDismissed }: RecoveryNoticeBannerProps) {
  const { t, i18n } = useTranslation();
  const dismiss = useAction(security.dismissRecoveryNotice);

  const close = async () => {
    const result = await dismiss.run();
    if (result.ok) onDismissed();
  };

  return (
    <div className="alert alert-warning recovery-notice" role="alert" data-testid="recovery-notice">
      <p>
        {t('recoveryNotice.text', {
          date: formatDateTime(notice.usedAt, i18n.resolvedLanguage ?? 'en'),
          device: notice.device,
          ip: notice.ip ?? t('securityLog.unknownIp'),
        })}
      </p>
      <FormError error={dismiss.error} />
      <button
        type="button"
        className="button"
        data-testid="recovery-notice-dismiss"
        disabled={dismiss.pending}
        onClick={close}
      >
        {dismiss.pending ? t('recoveryNotice.dismissing') : t('recoveryNotice.dismiss')}
      </button>
    </div>
  );
}
