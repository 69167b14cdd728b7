import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { security } from '../../api/security';
import type { SecurityOverview } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormError } from '../../components/FormError';
import { formatDateTime } from '../../i18n/dates';
import { useAction } from '../../lib/use-action';

/** Few enough codes left to suggest new ones. */
const LOW_REMAINING = 3;

interface RecoveryCodesPanelProps {
  recoveryCodes: SecurityOverview['recoveryCodes'];
  /** New codes, to show once; the old ones no longer work. */
  onGenerated: (codes: string[]) => void;
}

/** How many recovery codes are left, and a new set after a confirmation (a step-up may be asked for). */
export function RecoveryCodesPanel({ recoveryCodes, onGenerated }: RecoveryCodesPanelProps) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const generate = useAction(security.regenerateRecoveryCodes);
  const { remaining, generatedAt } = recoveryCodes;

  const confirmed = async () => {
    setConfirming(false);
    const result = await generate.run();
    if (result.ok) onGenerated(result.value);
  };

  return (
    <div className="security-block" data-testid="recovery-codes-panel" id="recovery-codes">
      <h3>{t('recoveryCodes.panel.title')}</h3>
      <p className="section-intro">{t('recoveryCodes.panel.intro')}</p>
      <p data-testid="recovery-remaining" data-remaining={remaining}>
        {t('recoveryCodes.panel.remaining', { count: remaining })}
        {generatedAt && (
          <>
            {' · '}
            {t('recoveryCodes.panel.generated', {
              date: formatDateTime(generatedAt, i18n.resolvedLanguage ?? 'en'),
            })}
          </>
        )}
      </p>
      {remaining <= LOW_REMAINING && (
        <p className="alert alert-warning" data-testid="recovery-low">
          {remaining === 0 ? t('recoveryCodes.panel.none') : t('recoveryCodes.panel.low')}
        </p>
      )}
      <FormError error={generate.error} />
      <div>
        <button
          type="button"
          className="button"
          data-testid="recovery-regenerate"
          disabled={generate.pending}
          onClick={() => {
            generate.reset();
            setConfirming(true);
          }}
        >
          {generate.pending ? t('recoveryCodes.panel.generating') : t('recoveryCodes.panel.generate')}
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          title={t('recoveryCodes.panel.confirmTitle')}
          confirmLabel={t('recoveryCodes.panel.confirmOk')}
          danger
          onConfirm={confirmed}
          onCancel={() => setConfirming(false)}
        >
          <p>{t('recoveryCodes.panel.confirmBody')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
