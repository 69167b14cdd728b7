import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { membership } from '../../api/membership';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { useAction } from '../../lib/use-action';
import { refreshMyLevels, useMyLevels } from '../../membership/levels-store';
import { Section } from './Section';

/** Whether services may show the account's VIP and activity badges to others (`accounts.show_badges`). */
export function BadgesSection({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const levels = useMyLevels(accountId);
  return (
    <Section title={t('accountCenter.badges.title')} intro={t('accountCenter.badges.intro')} id="badges">
      {levels ? (
        <BadgesForm accountId={accountId} saved={levels.showBadges} />
      ) : (
        <Loading label={t('accountCenter.region.loading')} />
      )}
    </Section>
  );
}

function BadgesForm({ accountId, saved }: { accountId: string; saved: boolean }) {
  const { t } = useTranslation();
  const [show, setShow] = useState(saved);
  const [done, setDone] = useState(false);
  const save = useAction(membership.updatePreferences);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(false);
    const result = await save.run({ showBadges: show });
    if (!result.ok) return;
    setDone(true);
    await refreshMyLevels(accountId);
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormError error={save.error} />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={show}
          data-testid="badges-show"
          onChange={(event) => {
            setShow(event.target.checked);
            setDone(false);
          }}
        />
        {t('accountCenter.badges.show')}
      </label>
      <div className="form-actions">
        <button type="submit" className="button" data-testid="badges-save" disabled={save.pending}>
          {save.pending ? t('accountCenter.badges.saving') : t('accountCenter.badges.save')}
        </button>
        <div role="status" className="form-status">
          {done && (
            <span className="saved" data-testid="badges-saved">
              {t('accountCenter.badges.saved')}
            </span>
          )}
        </div>
      </div>
    </form>
  );
}
