import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { membershipAdmin } from '../../../api/membership';
import type { VipLevel } from '../../../api/membership-types';
import { FormError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import { TextField } from '../../../components/TextField';
import { useErrorText } from '../../../i18n/use-error-text';
import { useAction } from '../../../lib/use-action';
import { useLoad } from '../../../lib/use-load';
import { checkThresholds, type ThresholdProblem } from './levels-form';

/** The growth each VIP level needs, editable (level 1 stays at 0). */
export function VipLevelsSection() {
  const { t } = useTranslation();
  const levels = useLoad(membershipAdmin.vipLevels, 'vip-levels');
  return (
    <section
      className="card account-section"
      aria-labelledby="admin-vip-levels"
      data-testid="admin-vip-levels"
    >
      <h2 id="admin-vip-levels">{t('adminMembership.levels.title')}</h2>
      <p className="section-intro">{t('adminMembership.levels.intro')}</p>
      {levels.state.status === 'loading' && <Loading label={t('adminMembership.levels.loading')} />}
      {levels.state.status === 'error' && <FormError error={levels.state.error} />}
      {levels.state.status === 'ready' && <ThresholdsForm initial={levels.state.value} />}
    </section>
  );
}

function ThresholdsForm({ initial }: { initial: VipLevel[] }) {
  const { t } = useTranslation();
  const { fields } = useErrorText();
  const [values, setValues] = useState(() => initial.map((level) => String(level.minGrowth)));
  const [problems, setProblems] = useState<Record<number, ThresholdProblem>>({});
  const [saved, setSaved] = useState(false);
  const save = useAction(membershipAdmin.setVipLevels);
  const serverProblems = fields(save.error);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const checked = checkThresholds(values);
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems({});
    const result = await save.run(checked.levels);
    if (!result.ok) return;
    setValues(result.value.map((level) => String(level.minGrowth)));
    setSaved(true);
  };

  return (
    <form className="form vip-levels-form" onSubmit={submit} noValidate>
      <FormError error={save.error} />
      <div className="vip-levels-grid">
        {values.map((value, index) => {
          const level = index + 1;
          const problem = problems[level];
          return (
            <TextField
              // Levels are positions: the index is the identity.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              key={index}
              label={t('adminMembership.levels.level', { level })}
              name={`level-${level}`}
              testId={`admin-vip-level-${level}`}
              value={value}
              inputMode="numeric"
              disabled={level === 1}
              error={
                problem
                  ? t(`adminMembership.levels.problems.${problem}`)
                  : serverProblems[`levels.${index}.minGrowth`]
              }
              onChange={(next) => {
                setValues((current) => current.map((v, i) => (i === index ? next : v)));
                setSaved(false);
              }}
            />
          );
        })}
      </div>
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          data-testid="admin-vip-levels-save"
          disabled={save.pending}
        >
          {save.pending ? t('adminMembership.levels.saving') : t('adminMembership.levels.save')}
        </button>
        <div role="status" className="form-status">
          {saved && (
            <span className="saved" data-testid="admin-vip-levels-saved">
              {t('adminMembership.levels.saved')}
            </span>
          )}
        </div>
      </div>
    </form>
  );
}
