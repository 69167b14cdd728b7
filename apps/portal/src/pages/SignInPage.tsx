import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { api } from '../api/orbit';
import { AuthCard } from '../components/AuthCard';
import { FormError } from '../components/FormError';
import { TextField } from '../components/TextField';
import { useErrorText } from '../i18n/use-error-text';
import { safeReturnTo } from '../lib/return-to';
import { useAction } from '../lib/use-action';
import { useSession } from '../session/context';

export function SignInPage() {
  const { t } = useTranslation();
  const { fields } = useErrorText();
  const [params] = useSearchParams();
  const destination = safeReturnTo(params.get('return_to'));
  const session = useSession();
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useAction(api.signIn);
  const problems = fields(signIn.error);

  // Signed in (already, or just now): go on to where the reader was headed.
  if (session.state.status === 'signed-in') return <Navigate to={destination} replace />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = await signIn.run(identifier.trim(), password);
    if (result.ok) session.signedIn(result.value.account);
  };

  return (
    <AuthCard title={t('signin.title')} intro={t('signin.intro')}>
      <form className="form" onSubmit={submit} noValidate>
        <FormError error={signIn.error} />
        <TextField
          label={t('signin.identifier')}
          name="identifier"
          testId="signin-identifier"
          value={identifier}
          onChange={setIdentifier}
          error={problems.identifier}
          autoComplete="username webauthn"
          maxLength={320}
          verbatim
        />
        <TextField
          label={t('signin.password')}
          name="password"
          type="password"
          testId="signin-password"
          value={password}
          onChange={setPassword}
          error={problems.password}
          autoComplete="current-password"
          maxLength={1024}
        />
        <button
          type="submit"
          className="button button-primary"
          data-testid="signin-submit"
          disabled={signIn.pending}
        >
          {signIn.pending ? t('signin.submitting') : t('signin.submit')}
        </button>
      </form>
      <p className="card-footer">
        {t('signin.noAccount')} <Link to="/signup">{t('signin.createAccount')}</Link>
      </p>
    </AuthCard>
  );
}
