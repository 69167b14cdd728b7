import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { membership } from '../../api/membership';
import type { Subscription, Tier } from '../../api/membership-types';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import { useTierName } from '../../components/TierBadge';
import { formatDate } from '../../i18n/dates';
import { useAction } from '../../lib/use-action';
import { type ChangeOption, changeOptions, previewUpgrade } from '../../membership/changes';
import { createAttemptKeys, fingerprintOf } from '../../membership/idempotency';
import { formatMoney } from '../../membership/money';

export type Changed = { kind: 'upgrade' | 'downgrade'; subscription: Subscription };

interface ChangeDialogProps {
  subscription: Subscription;
  tiers: Tier[];
  onDone: (changed: Changed) => void;
  onCancel: () => void;
}

const optionId = (option: ChangeOption) => `${option.tier.id}-${option.period}`;

/**
 * Changing plan: the tiers and periods of the lane, each marked upgrade or downgrade. An upgrade shows the
 * credit for the unused part of the period and what is due before it is confirmed, and is sent with an
 * `Idempotency-Key` kept for retries of the same choice; a downgrade is scheduled for the period end.
 */
export function ChangeDialog({ subscription, tiers, onDone, onCancel }: ChangeDialogProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const tierName = useTierName();
  const options = useMemo(() => changeOptions(subscription, tiers), [subscription, tiers]);
  // Upgrades are what is changed to most: the first one is chosen to start with.
  const first = options.find((o) => o.kind === 'upgrade') ?? options[0];
  const [chosen, setChosen] = useState(first ? optionId(first) : '');
  const option = options.find((o) => optionId(o) === chosen);
  const keys = useRef(createAttemptKeys());
  const money = (amount: number) => formatMoney(amount, subscription.currency ?? 'CNY', language);
  const preview =
    option?.kind === 'upgrade' ? previewUpgrade(subscription, option.price, new Date()) : undefined;

  const change = useAction(async (target: ChangeOption) => {
    const body = { tierId: target.tier.id, period: target.period };
    if (target.kind === 'downgrade') {
      return { kind: 'downgrade' as const, subscription: await membership.downgrade(subscription.id, body) };
    }
    const key = keys.current.keyFor(fingerprintOf({ subscription: subscription.id, ...body }));
    try {
      const upgraded = await membership.upgrade(subscription.id, body, key);
      keys.current.settle({ ok: true });
      return { kind: 'upgrade' as const, subscription: upgraded.subscription };
    } catch (error) {
      keys.current.settle({ ok: false, error });
      throw error;
    }
  });

  const confirm = async () => {
    if (!option) return;
    const result = await change.run(option);
    if (result.ok) onDone(result.value);
  };

  return (
    <Dialog
      title={t('membership.change.title', { tier: tierName(subscription.tier) })}
      onDismiss={onCancel}
      testId="change-dialog"
    >
      <div className="dialog-body">
        <p>{t('membership.change.intro')}</p>
        {options.length === 0 ? (
          <p className="membership-note">{t('membership.change.none')}</p>
        ) : (
          <fieldset className="choice-list">
            <legend>{t('membership.change.choose')}</legend>
            {options.map((o) => (
              <label key={optionId(o)} className="choice">
                <input
                  type="radio"
                  name="change-option"
                  value={optionId(o)}
                  checked={chosen === optionId(o)}
                  onChange={() => setChosen(optionId(o))}
                  data-testid={`change-option-${optionId(o)}`}
                />
                <span>
                  {t('membership.change.option', {
                    tier: tierName(o.tier),
                    period: t(`membership.period.${o.period}`),
                    price: money(o.price),
                  })}
                </span>
                <span className={o.kind === 'upgrade' ? 'badge badge-current' : 'badge'}>
                  {t(`membership.change.${o.kind}`)}
                </span>
              </label>
            ))}
          </fieldset>
        )}
        {preview && (
          <>
            <dl className="proration" data-testid="change-preview">
              <div>
                <dt>{t('membership.change.price')}</dt>
                <dd>{money(preview.price)}</dd>
              </div>
              <div>
                <dt>{t('membership.change.credit')}</dt>
                <dd data-testid="change-credit">−{money(preview.credit)}</dd>
              </div>
              <div className="proration-total">
                <dt>{t('membership.change.due')}</dt>
                <dd data-testid="change-due">{money(preview.due)}</dd>
              </div>
            </dl>
            <p className="field-hint">{t('membership.change.estimate')}</p>
          </>
        )}
        {option?.kind === 'downgrade' && (
          <p className="membership-note" data-testid="change-downgrade-note">
            {t('membership.change.downgradeNote', {
              date: formatDate(subscription.currentPeriodEnd, language),
              price: money(option.price),
            })}
          </p>
        )}
        <FormError error={change.error} />
      </div>
      <div className="dialog-actions">
        <button
          type="button"
          className="button"
          data-autofocus
          data-testid="change-cancel"
          onClick={onCancel}
        >
          {t('membership.change.cancel')}
        </button>
        <button
          type="button"
          className="button button-primary"
          data-testid="change-confirm"
          disabled={!option || change.pending}
          onClick={confirm}
        >
          {change.pending
            ? t('membership.change.working')
            : preview
              ? t('membership.change.confirmUpgrade', { amount: money(preview.due) })
              : t('membership.change.confirmDowngrade')}
        </button>
      </div>
    </Dialog>
  );
}
