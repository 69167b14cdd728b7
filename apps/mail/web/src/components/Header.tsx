import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes, usedPercent } from '../lib/format';

/**
 * Mail's own part of the service shell's header (`ServiceShell` from `@orbit/ui/shell`, in App): the storage
 * use, with the membership's raise beside it.
 */
export function StorageBar({
  usedBytes,
  limitBytes,
  raised,
}: {
  usedBytes: number;
  limitBytes: number;
  /** The membership raised the quota: say so beside it. */
  raised: boolean;
}) {
  const { t } = useTranslation();
  const labelId = useId();
  const percent = usedPercent(usedBytes, limitBytes);
  const text = t('header.storageUsed', { used: formatBytes(usedBytes), limit: formatBytes(limitBytes) });
  const level = percent >= 95 ? 'full' : percent >= 80 ? 'high' : 'ok';
  return (
    <div className="storage" data-testid="quota">
      <span id={labelId} className="storage-text">
        <span className="visually-hidden">{t('header.storage')}: </span>
        {text}
        {raised && (
          <span className="vip-pill vip-hint" data-testid="quota-raised" title={t('header.storageRaised')}>
            {t('badges.raised')}
            <span className="visually-hidden"> {t('header.storageRaised')}</span>
          </span>
        )}
      </span>
      <div
        className={`storage-bar storage-${level}`}
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(percent)}
        aria-valuetext={text}
      >
        <span className="storage-fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
