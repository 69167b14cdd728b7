import { FRIEND_ANSWER_MAX, FRIEND_QUESTION_MAX, requestPolicies } from '@orbit/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type DiscoverabilityView, social } from '../../api/social';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { TextField } from '../../components/TextField';
import {
  type DiscoverabilityForm,
  type DiscoverabilityProblem,
  discoverabilityPatch,
  formOf,
} from '../../friends/discoverability';
import { FRIENDS_PATH } from '../../friends/friends';
import { useAction } from '../../lib/use-action';
import { useLoad } from '../../lib/use-load';
import { Section } from './Section';

/**
 * "Who can find and add me" (`GET/PATCH /api/social/discoverability`): whether the account is found by its number,
 * handle or email, who may send it friend requests (anyone, only who answers its question, nobody), and whether it
 * is suggested to friends of friends. Linked from the Friends pages.
 */
export function DiscoverabilitySection({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const settings = useLoad(social.discoverability, accountId);
  return (
    <Section
      title={t('friends.discoverability.title')}
      intro={t('friends.discoverability.intro')}
      id="discoverability"
    >
      {settings.state.status === 'ready' ? (
        <DiscoverabilityFormView saved={settings.state.value} onSaved={settings.set} />
      ) : settings.state.status === 'error' ? (
        <div className="launcher-problem">
          <FormError error={settings.state.error} />
          <button type="button" className="button" onClick={settings.retry}>
            {t('app.retry')}
          </button>
        </div>
      ) : (
        <Loading label={t('friends.discoverability.loading')} />
      )}
      <Link to={FRIENDS_PATH} className="friends-privacy-link">
        {t('friends.discoverability.friendsLink')}
      </Link>
    </Section>
  );
}

function DiscoverabilityFormView({
  saved,
  onSaved,
}: {
  saved: DiscoverabilityView;
  onSaved: (view: DiscoverabilityView) => void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState<DiscoverabilityForm>(() => formOf(saved));
  const [problems, setProblems] = useState<{
    question?: DiscoverabilityProblem;
    answer?: DiscoverabilityProblem;
  }>({});
  const [done, setDone] = useState(false);
  const save = useAction(social.updateDiscoverability);

  const change = (patch: Partial<DiscoverabilityForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    setDone(false);
    // A field's problem goes once it is edited; the next save checks again.
    setProblems((current) => {
      const next = { ...current };
      if ('question' in patch) delete next.question;
      if ('answer' in patch) delete next.answer;
      return next;
    });
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(false);
    const checked = discoverabilityPatch(saved, form);
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems({});
    const result = await save.run(checked.patch);
    if (!result.ok) return;
    onSaved(result.value);
    setForm((current) => ({ ...formOf(result.value), answer: '', question: current.question.trim() }));
    setDone(true);
  };

  const problemText = (field: 'question' | 'answer') => {
    const problem = problems[field];
    if (!problem) return undefined;
    const max = field === 'question' ? FRIEND_QUESTION_MAX : FRIEND_ANSWER_MAX;
    return t(`friends.discoverability.${field}${problem === 'required' ? 'Required' : 'TooLong'}`, { max });
  };
  const answerKept = saved.question !== null && saved.question === form.question.trim();

  const toggle = (key: Toggle, label: string) => (
    <ToggleField
      name={key}
      label={label}
      checked={form[key]}
      onChange={(checked) => change({ [key]: checked })}
    />
  );

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="discoverability-form">
      <FormError error={save.error} />
      <fieldset className="choice-list">
        <legend>{t('friends.discoverability.findTitle')}</legend>
        {toggle('findableByAccountNumber', t('friends.discoverability.byAccountNumber'))}
        {toggle('findableByHandle', t('friends.discoverability.byHandle'))}
        {toggle('findableByEmail', t('friends.discoverability.byEmail'))}
      </fieldset>
      <fieldset className="choice-list">
        <legend>{t('friends.discoverability.requestsTitle')}</legend>
        {requestPolicies.map((policy) => (
          <label key={policy} className="choice">
            <input
              type="radio"
              name="requests"
              value={policy}
              checked={form.requests === policy}
              data-testid={`discoverability-requests-${policy}`}
              onChange={() => change({ requests: policy })}
            />
            {t(`friends.discoverability.${policy}`)}
          </label>
        ))}
      </fieldset>
      {form.requests === 'question' && (
        <>
          <TextField
            label={t('friends.discoverability.questionLabel')}
            name="question"
            testId="discoverability-question"
            value={form.question}
            maxLength={FRIEND_QUESTION_MAX}
            placeholder={t('friends.discoverability.questionPlaceholder')}
            error={problemText('question')}
            onChange={(question) => change({ question })}
          />
          <TextField
            label={t('friends.discoverability.answerLabel')}
            name="answer"
            testId="discoverability-answer"
            value={form.answer}
            maxLength={FRIEND_ANSWER_MAX}
            optional={answerKept}
            autoComplete="off"
            hint={
              answerKept
                ? t('friends.discoverability.answerHint')
                : t('friends.discoverability.answerHintNew')
            }
            error={problemText('answer')}
            onChange={(answer) => change({ answer })}
          />
        </>
      )}
      {toggle('suggestable', t('friends.discoverability.suggestable'))}
      <div className="form-actions">
        <button type="submit" className="button" data-testid="discoverability-save" disabled={save.pending}>
          {save.pending ? t('friends.discoverability.saving') : t('friends.discoverability.save')}
        </button>
        <div role="status" className="form-status">
          {done && (
            <span className="saved" data-testid="discoverability-saved">
              {t('friends.discoverability.saved')}
            </span>
          )}
        </div>
      </div>
    </form>
  );
}

type Toggle = 'findableByAccountNumber' | 'findableByHandle' | 'findableByEmail' | 'suggestable';

function ToggleField({
  name,
  label,
  checked,
  onChange,
}: {
  name: Toggle;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label className="checkbox">
      <input
        type="checkbox"
        checked={checked}
        data-testid={`discoverability-${name}`}
        onChange={(event) => onChange(event.target.checked)}
      />
      {label}
    </label>
  );
}
