import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/TextField';
import {
  type CardField,
  type CardProblem,
  type CardFields as Fields,
  formatCardNumber,
  formatExpiry,
  SANDBOX_CARDS,
} from '../../membership/card';

interface CardFieldsProps {
  fields: Fields;
  onChange: (fields: Fields) => void;
  problems: Partial<Record<CardField, CardProblem>>;
  /** Field messages from the hub (`card.number`…), shown when there is no problem found here. */
  serverProblems?: Record<string, string>;
  /** `buy` or `update`: the page and a dialog can both hold card fields. */
  testIdPrefix: string;
  disabled?: boolean;
}

/** Card number, expiry and CVC, formatted as typed, with the sandbox's test cards named underneath. */
export function CardFields({
  fields,
  onChange,
  problems,
  serverProblems = {},
  testIdPrefix,
  disabled,
}: CardFieldsProps) {
  const { t } = useTranslation();
  const problem = (field: CardField, serverPath: string) => {
    const found = problems[field];
    return found ? t(`membership.card.problems.${found}`) : serverProblems[serverPath];
  };
  return (
    <div className="card-fields">
      <TextField
        label={t('membership.card.number')}
        name="cc-number"
        testId={`${testIdPrefix}-card-number`}
        value={fields.number}
        onChange={(value) => onChange({ ...fields, number: formatCardNumber(value) })}
        error={problem('number', 'card.number')}
        autoComplete="cc-number"
        inputMode="numeric"
        maxLength={23}
        disabled={disabled}
        verbatim
      />
      <div className="card-fields-row">
        <TextField
          label={t('membership.card.expiry')}
          name="cc-exp"
          testId={`${testIdPrefix}-card-expiry`}
          value={fields.expiry}
          onChange={(value) => onChange({ ...fields, expiry: formatExpiry(value, fields.expiry) })}
          error={problem('expiry', 'card.expMonth') ?? serverProblems['card.expYear']}
          autoComplete="cc-exp"
          inputMode="numeric"
          maxLength={7}
          disabled={disabled}
          verbatim
        />
        <TextField
          label={t('membership.card.cvc')}
          name="cc-csc"
          testId={`${testIdPrefix}-card-cvc`}
          value={fields.cvc}
          onChange={(value) => onChange({ ...fields, cvc: value.replace(/\D/g, '').slice(0, 4) })}
          error={problem('cvc', 'card.cvc')}
          autoComplete="cc-csc"
          inputMode="numeric"
          maxLength={4}
          disabled={disabled}
          verbatim
        />
      </div>
      <div className="sandbox-hint" data-testid={`${testIdPrefix}-sandbox-hint`}>
        <p>{t('membership.card.sandbox', { card: SANDBOX_CARDS.succeeds })}</p>
        <p>
          {t('membership.card.sandboxMore', {
            declines: SANDBOX_CARDS.declines,
            failsLater: SANDBOX_CARDS.failsLater,
          })}
        </p>
      </div>
    </div>
  );
}

export const emptyCard = (): Fields => ({ number: '', expiry: '', cvc: '' });
