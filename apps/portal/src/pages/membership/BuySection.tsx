import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Bought, membership } from '../../api/membership';
import type { Currency, Period, Subscription, Tier } from '../../api/membership-types';
import { FormError } from '../../components/FormError';
import { TierBadge, useTierName } from '../../components/TierBadge';
import { useErrorText } from '../../i18n/use-error-text';
import { localized } from '../../launcher/localized';
import { useAction } from '../../lib/use-action';
import { type CardField, type CardProblem, checkCard } from '../../membership/card';
import { priceOf } from '../../membership/changes';
import { currenciesOf, heldFor, heldLanes, keepChoice, periodsOf } from '../../membership/checkout';
import { createAttemptKeys, fingerprintOf } from '../../membership/idempotency';
import { formatMoney } from '../../membership/money';
import { Section } from '../account/Section';
import { CardFields, emptyCard } from './CardFields';

interface BuySectionProps {
  tiers: Tier[];
  subscriptions: Subscription[];
  /** Loads what the purchase changed; resolved once shown. */
  onBought: (bought: Bought) => Promise<void>;
}

/**
 * The checkout: a tier on sale, its period and currency, auto-renew, and a card. Each attempt to pay is sent
 * with one `Idempotency-Key`, kept while its outcome is unknown, so a retry after a lost answer (or a second
 * click) can't charge twice; a new attempt gets a new key.
 */
export function BuySection({ tiers, subscriptions, onBought }: BuySectionProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const { fields: fieldErrors } = useErrorText();
  const tierName = useTierName();
  const held = heldLanes(subscriptions);
  const buyable = tiers.filter((tier) => tier.prices.length > 0);
  const [tierId, setTierId] = useState<string | undefined>(undefined);
  const [periodChoice, setPeriod] = useState<Period | undefined>(undefined);
  const [currencyChoice, setCurrency] = useState<Currency | undefined>(undefined);
  const [autoRenew, setAutoRenew] = useState(true);
  const [card, setCard] = useState(emptyCard);
  const [problems, setProblems] = useState<Partial<Record<CardField, CardProblem>>>({});
  const [bought, setBought] = useState<Bought | null>(null);
  const keys = useRef(createAttemptKeys());
  /** Whether an attempt's outcome is unknown (no answer came): the button then says a retry is safe. */
  const [unsettled, setUnsettled] = useState(false);
  const buy = useAction(membership.buy);

  // The first tier not held already is the default; choices fall back when the tier no longer offers them.
  const tier = buyable.find((x) => x.id === tierId) ?? buyable.find((x) => !heldFor(x, held)) ?? buyable[0];
  const period = tier ? keepChoice(periodChoice, periodsOf(tier)) : undefined;
  const currency = tier && period ? keepChoice(currencyChoice, currenciesOf(tier, period)) : undefined;
  const price = tier && period && currency ? priceOf(tier, period, currency) : undefined;
  const holding = tier ? heldFor(tier, held) : undefined;
  const money = (amount: number) => (currency ? formatMoney(amount, currency, language) : '');

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!tier || !period || !currency || holding) return;
    setBought(null);
    const checked = checkCard(card, new Date());
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems({});
    const purchase = { tierId: tier.id, period, currency, autoRenew, card: checked.card };
    const key = keys.current.keyFor(fingerprintOf(purchase));
    const result = await buy.run(purchase, key);
    // A second click while the first is in flight is ignored by useAction, and says nothing of the outcome.
    if (!result.ok && result.error === null) return;
    keys.current.settle(result.ok ? { ok: true } : { ok: false, error: result.error });
    setUnsettled(keys.current.current !== null);
    if (!result.ok) return;
    setCard(emptyCard());
    await onBought(result.value);
    setBought(result.value);
  };

  return (
    <Section title={t('membership.buy.title')} intro={t('membership.buy.intro')}>
      <div role="status" className="form-status">
        {bought && (
          <span className="saved" data-testid="buy-done">
            {t('membership.buy.done', {
              tier: tierName(bought.subscription.tier),
              number: bought.receipt.number,
            })}
          </span>
        )}
      </div>
      {buyable.length === 0 ? (
        <p className="membership-note" data-testid="buy-none">
          {t('membership.buy.none')}
        </p>
      ) : buyable.every((option) => heldFor(option, held)) ? (
        <p className="membership-note" data-testid="buy-all-held">
          {t('membership.buy.allHeld')}
        </p>
      ) : (
        <form className="form buy-form" onSubmit={submit} noValidate data-testid="buy-form">
          <fieldset className="choice-list tier-choices">
            <legend>{t('membership.buy.tier')}</legend>
            {buyable.map((option) => {
              const lane = heldFor(option, held);
              return (
                <label key={option.id} className="choice tier-choice" data-held={lane ? true : undefined}>
                  <input
                    type="radio"
                    name="tier"
                    value={option.id}
                    checked={tier?.id === option.id}
                    onChange={() => setTierId(option.id)}
                    data-testid={`buy-tier-${option.id}`}
                  />
                  <span className="tier-choice-text">
                    <TierBadge tier={option} />
                    <span className="tier-choice-description">
                      {localized(option.description, option.descriptions, language)}
                    </span>
                    {lane && (
                      <span className="tier-choice-held">
                        {t('membership.buy.held', { tier: tierName(lane.tier) })}
                      </span>
                    )}
                  </span>
                </label>
              );
            })}
          </fieldset>

          {tier && period && (
            <div className="buy-options">
              <fieldset className="choice-list choice-inline">
                <legend>{t('membership.buy.period')}</legend>
                {periodsOf(tier).map((option) => (
                  <label key={option} className="choice">
                    <input
                      type="radio"
                      name="period"
                      value={option}
                      checked={period === option}
                      onChange={() => setPeriod(option)}
                      data-testid={`buy-period-${option}`}
                    />
                    {t(`membership.period.${option}`)}
                  </label>
                ))}
              </fieldset>
              <div className="field">
                <label htmlFor="buy-currency">{t('membership.buy.currency')}</label>
                <select
                  id="buy-currency"
                  className="select"
                  value={currency}
                  onChange={(event) => setCurrency(event.target.value as Currency)}
                  data-testid="buy-currency"
                >
                  {currenciesOf(tier, period).map((option) => (
                    <option key={option} value={option}>
                      {option} · {formatMoney(priceOf(tier, period, option) ?? 0, option, language)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          )}

          <label className="checkbox">
            <input
              type="checkbox"
              checked={autoRenew}
              onChange={(event) => setAutoRenew(event.target.checked)}
              data-testid="buy-auto-renew"
            />
            {t('membership.buy.autoRenew')}
          </label>

          <fieldset className="payment">
            <legend>{t('membership.buy.payment')}</legend>
            <CardFields
              fields={card}
              onChange={setCard}
              problems={problems}
              serverProblems={fieldErrors(buy.error)}
              testIdPrefix="buy"
              disabled={buy.pending}
            />
          </fieldset>

          <FormError error={buy.error} />
          <div className="form-actions">
            {price !== undefined && period && (
              <p className="buy-total" data-testid="buy-total">
                {t(`membership.per.${period}`, { amount: money(price) })}
              </p>
            )}
            <button
              type="submit"
              className="button button-primary"
              data-testid="buy-submit"
              disabled={buy.pending || price === undefined || holding !== undefined}
            >
              {buy.pending
                ? t('membership.buy.paying')
                : unsettled && buy.error
                  ? t('membership.buy.retry')
                  : t('membership.buy.pay', { amount: price === undefined ? '' : money(price) })}
            </button>
          </div>
        </form>
      )}
    </Section>
  );
}
