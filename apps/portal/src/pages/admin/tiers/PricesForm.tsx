import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { membershipAdmin } from '../../../api/membership';
import type { Price, Tier } from '../../../api/membership-types';
import { FormError } from '../../../components/FormError';
import { formatDateTime } from '../../../i18n/dates';
import { useErrorText } from '../../../i18n/use-error-text';
import { useAction } from '../../../lib/use-action';
import { formatMoney } from '../../../membership/money';
import { PriceRowsEditor } from './PriceRowsEditor';
import { checkPrices, effectiveFromOf, type PriceProblem, rowsOf, scheduledPrices } from './price-rows';

/**
 * A tier's prices: those in force now, changed from now or from a later time, new ones added; the scheduled
 * changes and the whole history below. Only prices that differ are recorded by the hub.
 */
export function PricesForm({ tier, onSaved }: { tier: Tier; onSaved: (tier: Tier) => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const { fields } = useErrorText();
  const fromId = useId();
  const [rows, setRows] = useState(() => rowsOf(tier.prices));
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [problems, setProblems] = useState<Record<string, PriceProblem>>({});
  const [fromProblem, setFromProblem] = useState(false);
  const [saved, setSaved] = useState(false);
  const save = useAction(membershipAdmin.setPrices);
  const server = fields(save.error);
  const now = new Date();
  const scheduled = scheduledPrices(tier.priceHistory, now);
  const line = (price: Price) =>
    t('adminMembership.prices.scheduledRow', {
      period: t(`membership.period.${price.period}`),
      currency: price.currency,
      amount: formatMoney(price.amountMinor, price.currency, language),
      date: formatDateTime(price.effectiveFrom, language),
    });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const checked = checkPrices(rows);
    const from = effectiveFromOf(effectiveFrom, new Date());
    setProblems(checked.ok ? {} : checked.problems);
    setFromProblem(from === undefined);
    if (!checked.ok || from === undefined || checked.prices.length === 0) return;
    const result = await save.run(tier.id, checked.prices, from ?? undefined);
    if (!result.ok) return;
    setRows(rowsOf(result.value.prices));
    setEffectiveFrom('');
    setSaved(true);
    onSaved(result.value);
  };

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="prices-form">
      <fieldset className="tier-fieldset" disabled={tier.retired || save.pending}>
        <legend className="visually-hidden">{t('adminMembership.prices.title')}</legend>
        <FormError error={save.error} />
        <PriceRowsEditor rows={rows} onChange={setRows} problems={problems} serverProblems={server} />
        <div className={fromProblem || server.effectiveFrom ? 'field field-invalid' : 'field'}>
          <label htmlFor={fromId}>
            {t('adminMembership.prices.effectiveFrom')}
            <span className="field-optional">{t('form.optional')}</span>
          </label>
          <input
            id={fromId}
            type="datetime-local"
            value={effectiveFrom}
            onChange={(event) => setEffectiveFrom(event.target.value)}
            data-testid="prices-effective-from"
          />
          {fromProblem || server.effectiveFrom ? (
            <p className="field-error">
              {fromProblem ? t('adminMembership.prices.problems.effectiveFrom') : server.effectiveFrom}
            </p>
          ) : (
            <p className="field-hint">{t('adminMembership.prices.effectiveFromHint')}</p>
          )}
        </div>
        {!tier.retired && (
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              data-testid="prices-save"
              disabled={save.pending}
            >
              {save.pending ? t('adminMembership.prices.saving') : t('adminMembership.prices.save')}
            </button>
            <div role="status" className="form-status">
              {saved && (
                <span className="saved" data-testid="prices-saved">
                  {t('adminMembership.prices.saved')}
                </span>
              )}
            </div>
          </div>
        )}
      </fieldset>
      {scheduled.length > 0 && (
        <div className="price-scheduled" data-testid="prices-scheduled">
          <p className="price-label">{t('adminMembership.prices.scheduled')}</p>
          <ul>
            {scheduled.map((price) => (
              <li key={`${price.period} ${price.currency} ${price.effectiveFrom}`}>{line(price)}</li>
            ))}
          </ul>
        </div>
      )}
      {(tier.priceHistory?.length ?? 0) > 0 && (
        <details className="admin-details">
          <summary>{t('adminMembership.prices.history')}</summary>
          <ul className="price-history">
            {tier.priceHistory?.map((price) => (
              <li key={`${price.period} ${price.currency} ${price.effectiveFrom}`}>{line(price)}</li>
            ))}
          </ul>
        </details>
      )}
    </form>
  );
}
