import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { api } from '../api/orbit';
import { AuthCard } from '../components/AuthCard';
import { FormError } from '../components/FormError';
import { TextField } from '../components/TextField';
import { useErrorText } from '../i18n/use-error-text';
import { needsFullPageLoad, safeReturnTo, withReturnTo } from '../lib/return-to';
import { useAction } from '../lib/use-action';
import { useContinueTo } from '../lib/use-continue';
import { useSession } from '../session/context';

const IDENTIFIER_MAX = 320;

/**
 * `/signin?return_to=…&login_hint=…`: signs in, then goes on to `return_to`. The hub's OpenID Connect endpoint
 * sends readers here with `return_to=/oidc/authorize/resume/…`; that one is left with a full page load, and is
 * honoured even for a reader who is already signed in: the application asked for a fresh sign-in.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const { fields } = useErrorText();
  const [params] = useSearchParams();
  const returnTo = params.get('return_to');
  const destination = safeReturnTo(returnTo);
  const toHub = needsFullPageLoad(destination);
  const session = useSession();
  const continueTo = useContinueTo();
  const [identifier, setIdentifier] = useState(() =>
    (params.get('login_hint') ?? '').trim().slice(0, IDENTIFIER_MAX),
  );
  const [password, setPassword] = useState('');
  const [leaving, setLeaving] = useState(false);
  const signIn = useAction(api.signIn);
  const problems = fields(signIn.error);
  const signedIn = session.state.status === 'signed-in';

  // Signed in (already, or just now): go on to where the reader was headed — unless that is the hub, which
  // sent the reader here to sign in again (`prompt=login`, `max_age`…); then the form stays.
  if (signedIn && !toHub) return <Navigate to={destination} replace />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (leaving) return;
    const result = await signIn.run(identifier.trim(), password);
    if (!result.ok || result.value.status !== 'signed_in') return;
    if (toHub) setLeaving(true);
    session.signedIn(result.value.account);
    if (toHub) await continueTo(destination);
  };

  const busy = signIn.pending || leaving;

  return (
    <AuthCard title={t('signin.title')} intro={t('signin.intro')}>
      {signedIn && toHub && !leaving && (
        <p className="alert alert-info" role="status" data-testid="signin-again">
          {t('signin.signInAgain')}
        </p>
      )}
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
          maxLength={IDENTIFIER_MAX}
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
        <button type="submit" className="button button-primary" data-testid="signin-submit" disabled={busy}>
          {leaving ? t('signin.continuing') : signIn.pending ? t('signin.submitting') : t('signin.submit')}
        </button>
      </form>
      <p className="card-footer">
        {t('signin.noAccount')}{' '}
        <Link to={returnTo === null ? '/signup' : withReturnTo('/signup', destination)}>
          {t('signin.createAccount')}
        </Link>
      </p>
    </AuthCard>
  );
}
