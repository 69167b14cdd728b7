import { ApiError } from '@orbit/ui/api';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/orbit';
import type { Account } from '../../api/types';
import { FormError } from '../../components/FormError';
import { TextField } from '../../components/TextField';
import { useErrorText } from '../../i18n/use-error-text';
import { useAction } from '../../lib/use-action';
import { Section } from './Section';

/** Changes the password; the hub then signs out every other session, so the list is refreshed. */
export function PasswordSection({ account, onChanged }: { account: Account; onChanged: () => void }) {
  const { t } = useTranslation();
  const { fields } = useErrorText();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [changed, setChanged] = useState(false);
  const change = useAction(api.changePassword);
  const problems = fields(change.error);
  const wrongCurrent = change.error instanceof ApiError && change.error.code === 'auth.invalid_credentials';

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChanged(false);
    const result = await change.run(current, next);
    if (!result.ok) return;
    setCurrent('');
    setNext('');
    setChanged(true);
    onChanged();
  };

  return (
    <Section title={t('account.password.title')} intro={t('account.password.intro')} id="password">
      <form className="form" onSubmit={submit} noValidate>
        {/* Lets password managers know whose password this is. */}
        <input
          type="text"
          name="username"
          autoComplete="username"
          value={account.accountNumber}
          readOnly
          hidden
        />
        <FormError
          error={change.error}
          text={wrongCurrent ? t('account.password.wrongCurrent') : undefined}
        />
        <TextField
          label={t('account.password.current')}
          name="currentPassword"
          type="password"
          testId="password-current"
          value={current}
          onChange={setCurrent}
          error={wrongCurrent ? t('account.password.wrongCurrent') : problems.currentPassword}
          autoComplete="current-password"
          maxLength={1024}
        />
        <TextField
          label={t('account.password.new')}
          name="newPassword"
          type="password"
          testId="password-new"
          value={next}
          onChange={setNext}
          hint={t('account.password.newHint')}
          error={problems.newPassword}
          autoComplete="new-password"
          maxLength={256}
        />
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            data-testid="password-submit"
            disabled={change.pending}
          >
            {change.pending ? t('account.password.submitting') : t('account.password.submit')}
          </button>
          <div role="status" className="form-status">
            {changed && (
              <span className="saved" data-testid="password-changed">
                {t('account.password.changed')}
              </span>
            )}
          </div>
        </div>
      </form>
    </Section>
  );
}
