import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { membership } from '../../api/membership';
import type { Subscription } from '../../api/membership-types';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import { useTierName } from '../../components/TierBadge';
import { useErrorText } from '../../i18n/use-error-text';
import { useAction } from '../../lib/use-action';
import { type CardField, type CardProblem, checkCard } from '../../membership/card';
import { CardFields, emptyCard } from './CardFields';

/** Replaces a membership's card; while it is past due, the hub retries the failed renewal with it at once. */
export function CardDialog({
  subscription,
  onDone,
  onCancel,
}: {
  subscription: Subscription;
  onDone: (subscription: Subscription) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { fields: fieldErrors } = useErrorText();
  const tierName = useTierName();
  const [card, setCard] = useState(emptyCard);
  const [problems, setProblems] = useState<Partial<Record<CardField, CardProblem>>>({});
  const save = useAction(membership.updateCard);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = checkCard(card, new Date());
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems({});
    const result = await save.run(subscription.id, checked.card);
    if (result.ok) onDone(result.value);
  };

  return (
    <Dialog
      title={t('membership.card.updateTitle', { tier: tierName(subscription.tier) })}
      onDismiss={onCancel}
      testId="card-dialog"
    >
      <form className="form" onSubmit={submit} noValidate>
        <div className="dialog-body">
          <p>
            {subscription.status === 'past_due'
              ? t('membership.card.updatePastDue')
              : t('membership.card.updateIntro')}
          </p>
          <FormError error={save.error} />
          <CardFields
            fields={card}
            onChange={setCard}
            problems={problems}
            serverProblems={fieldErrors(save.error)}
            testIdPrefix="update"
            disabled={save.pending}
          />
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" data-testid="update-card-cancel" onClick={onCancel}>
            {t('membership.card.cancel')}
          </button>
          <button
            type="submit"
            className="button button-primary"
            data-testid="update-card-save"
            disabled={save.pending}
          >
            {save.pending ? t('membership.card.saving') : t('membership.card.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
