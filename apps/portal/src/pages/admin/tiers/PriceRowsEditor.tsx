import { useTranslation } from 'react-i18next';
import { CURRENCIES, type Currency, PERIODS, type Period } from '../../../api/membership-types';
import { minorDigits } from '../../../membership/money';
import type { PriceProblem, PriceRow } from './price-rows';

interface PriceRowsEditorProps {
  rows: PriceRow[];
  onChange: (rows: PriceRow[]) => void;
  problems: Record<string, PriceProblem>;
  /** The hub's messages by path (`prices.0.amountMinor`), for rows in the order sent. */
  serverProblems: Record<string, string>;
  disabled?: boolean;
}

let nextKey = 0;

/** The first period and currency no row has yet, for a new row. */
function freeSlot(rows: PriceRow[]): { period: Period; currency: Currency } {
  for (const currency of CURRENCIES) {
    for (const period of PERIODS) {
      if (!rows.some((row) => row.period === period && row.currency === currency))
        return { period, currency };
    }
  }
  return { period: 'month', currency: 'CNY' };
}

export function newPriceRow(rows: PriceRow[]): PriceRow {
  return { key: `new-${++nextKey}`, ...freeSlot(rows), amount: '', existing: false };
}

/** One row per period and currency: an amount in major units; rows added here can be taken out again. */
export function PriceRowsEditor({
  rows,
  onChange,
  problems,
  serverProblems,
  disabled,
}: PriceRowsEditorProps) {
  const { t } = useTranslation();
  const update = (key: string, patch: Partial<PriceRow>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));

  return (
    <div className="price-rows">
      {rows.length === 0 && <p className="admin-empty">{t('adminMembership.prices.none')}</p>}
      {rows.map((row, index) => {
        const problem = problems[row.key];
        const error = problem
          ? t(`adminMembership.prices.problems.${problem}`)
          : (serverProblems[`prices.${index}.amountMinor`] ?? serverProblems[`prices.${index}`]);
        const amountId = `price-amount-${row.key}`;
        return (
          <div key={row.key} className="price-row" data-testid={`price-row-${index}`}>
            <label className="price-cell">
              <span className="price-label">{t('adminMembership.prices.period')}</span>
              <select
                className="select"
                value={row.period}
                disabled={disabled || row.existing}
                onChange={(event) => update(row.key, { period: event.target.value as Period })}
                data-testid={`price-period-${index}`}
              >
                {PERIODS.map((period) => (
                  <option key={period} value={period}>
                    {t(`membership.period.${period}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="price-cell">
              <span className="price-label">{t('adminMembership.prices.currency')}</span>
              <select
                className="select"
                value={row.currency}
                disabled={disabled || row.existing}
                onChange={(event) => update(row.key, { currency: event.target.value as Currency })}
                data-testid={`price-currency-${index}`}
              >
                {CURRENCIES.map((currency) => (
                  <option key={currency} value={currency}>
                    {currency}
                  </option>
                ))}
              </select>
            </label>
            <div className="price-cell price-amount">
              <label className="price-label" htmlFor={amountId}>
                {t('adminMembership.prices.amount')}
              </label>
              <input
                id={amountId}
                className="price-input"
                value={row.amount}
                inputMode={minorDigits(row.currency) === 0 ? 'numeric' : 'decimal'}
                placeholder={minorDigits(row.currency) === 0 ? '1500' : '15.00'}
                disabled={disabled}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${amountId}-error` : undefined}
                onChange={(event) => update(row.key, { amount: event.target.value })}
                data-testid={`price-amount-${index}`}
              />
            </div>
            {!row.existing && (
              <button
                type="button"
                className="button button-quiet price-remove"
                disabled={disabled}
                aria-label={t('adminMembership.prices.removeLabel', {
                  period: t(`membership.period.${row.period}`),
                  currency: row.currency,
                })}
                onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
                data-testid={`price-remove-${index}`}
              >
                {t('adminMembership.prices.remove')}
              </button>
            )}
            {error && (
              <p id={`${amountId}-error`} className="field-error price-error">
                {error}
              </p>
            )}
          </div>
        );
      })}
      <button
        type="button"
        className="button price-add"
        disabled={disabled || rows.length >= PERIODS.length * CURRENCIES.length}
        onClick={() => onChange([...rows, newPriceRow(rows)])}
        data-testid="price-add"
      >
        {t('adminMembership.prices.add')}
      </button>
    </div>
  );
}
