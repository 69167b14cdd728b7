import { ApiError } from '@orbit/ui/api';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { recoveryApi } from '../../api/recovery';
import { AuthCard } from '../../components/AuthCard';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { TextField } from '../../components/TextField';
import { useErrorText } from '../../i18n/use-error-text';
import { useLinkToken } from '../../lib/link-token';
import { passwordTooShort } from '../../lib/password';
import { useAction } from '../../lib/use-action';
import { useLinkCheck } from './use-link-check';

/**
 * `/reset-password?token=…`: the page a reset link opens. It checks the link, then takes the new password twice;
 * the hub sets it, signs every device out and spends the link. Nobody is signed in: the reader signs in next, with
 * the passkey too when the account has one.
 */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const { fields } = useErrorText();
  const token = useLinkToken();
  const check = useLinkCheck(token, recoveryApi.checkResetToken);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [tooShort, setTooShort] = useState(false);
  const [done, setDone] = useState(false);
  const reset = useAction(recoveryApi.resetPassword);
  const problems = fields(reset.error);
  const spent = reset.error instanceof ApiError && reset.error.code === 'password_reset.invalid_token';

  if (done) {
    return (
      <AuthCard title={t('recovery.reset.doneTitle')}>
        <p className="alert alert-success" role="status" data-testid="reset-done">
          {t('recovery.reset.done')}
        </p>
        <Link className="button button-primary" to="/signin" data-testid="reset-sign-in">
          {t('recovery.reset.signIn')}
        </Link>
      </AuthCard>
    );
  }

  if (check.status === 'invalid' || spent) {
    return (
      <AuthCard title={t('recovery.reset.invalidTitle')}>
        <p className="alert alert-error" role="alert" data-testid="form-error">
          {t('recovery.reset.invalid')}
        </p>
        <Link className="button" to="/forgot-password">
          {t('recovery.reset.again')}
        </Link>
      </AuthCard>
    );
  }

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const short = passwordTooShort(password);
    const differ = password !== confirm;
    setTooShort(short);
    setMismatch(differ);
    if (short || differ) return;
    const result = await reset.run(token, password);
    if (result.ok) setDone(true);
  };

  return (
    <AuthCard title={t('recovery.reset.title')} intro={t('recovery.reset.intro')}>
      {check.status === 'checking' && <Loading label={t('recovery.reset.checking')} />}
      {check.status === 'error' && (
        <>
          <FormError error={check.error} />
          <button type="button" className="button" onClick={check.retry}>
            {t('app.retry')}
          </button>
        </>
      )}
      {check.status === 'valid' && (
        <form className="form" onSubmit={submit} noValidate>
          <FormError error={reset.error} />
          <TextField
            label={t('recovery.reset.password')}
            name="password"
            type="password"
            testId="reset-password"
            value={password}
            onChange={(value) => {
              setPassword(value);
              setTooShort(false);
            }}
            hint={t('recovery.reset.passwordHint')}
            error={tooShort ? t('errors.password.too_short') : problems.password}
            autoComplete="new-password"
            maxLength={256}
          />
          <TextField
            label={t('recovery.reset.confirm')}
            name="confirm"
            type="password"
            testId="reset-confirm"
            value={confirm}
            onChange={(value) => {
              setConfirm(value);
              setMismatch(false);
            }}
            error={mismatch ? t('recovery.reset.mismatch') : undefined}
            autoComplete="new-password"
            maxLength={256}
          />
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              data-testid="reset-submit"
              disabled={reset.pending}
            >
              {reset.pending ? t('recovery.reset.submitting') : t('recovery.reset.submit')}
            </button>
          </div>
        </form>
      )}
    </AuthCard>
  );
}
