import { ACCOUNT_DELETION_GRACE_DAYS } from '@orbit/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { api, type SecondFactorRequired, type SignedIn } from '../api/orbit';
import { AuthCard } from '../components/AuthCard';
import { FormError } from '../components/FormError';
import { TextField } from '../components/TextField';
import { useErrorText } from '../i18n/use-error-text';
import { needsFullPageLoad, safeReturnTo, withReturnTo } from '../lib/return-to';
import { useAction } from '../lib/use-action';
import { useContinueTo } from '../lib/use-continue';
import { signInWithPasskey } from '../passkeys/ceremonies';
import { isAborted } from '../passkeys/ceremony-error';
import { useSession } from '../session/context';
import { SecondFactorStep } from './signin/SecondFactorStep';
import { usePasskeyAutofill } from './signin/use-passkey-autofill';

const IDENTIFIER_MAX = 320;

/**
 * `/signin?return_to=…&login_hint=…`: signs in, then goes on to `return_to`. The hub's OpenID Connect endpoint
 * sends readers here with `return_to=/oidc/authorize/resume/…`; that one is left with a full page load, and is
 * honoured even for a reader who is already signed in: the application asked for a fresh sign-in.
 *
 * Three ways in: a password (then the account's passkey or a recovery code when it has passkey protection), the
 * "Sign in with a passkey" button, or a passkey picked from the identifier field's autofill. A sign-in that
 * cancelled the account's scheduled deletion says so, and goes on when the reader has read it.
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
  const [secondFactor, setSecondFactor] = useState<SecondFactorRequired | null>(null);
  const [autofillError, setAutofillError] = useState<unknown>(null);
  /** The sign-in cancelled the account's scheduled deletion: said first, before going on. */
  const [deletionCancelled, setDeletionCancelled] = useState(false);
  const signIn = useAction(api.signIn);
  const passkey = useAction(signInWithPasskey);
  const problems = fields(signIn.error);
  const signedIn = session.state.status === 'signed-in';
  const staying = !signedIn || toHub;

  /** Signed in, whichever way: keep the account, then go on as the password sign-in always did. */
  const finish = async (result: SignedIn) => {
    if (result.deletionCancelled) setDeletionCancelled(true);
    else if (toHub) setLeaving(true);
    session.signedIn(result.account);
    if (toHub && !result.deletionCancelled) await continueTo(destination);
  };
  const goOn = async () => {
    setLeaving(true);
    await continueTo(destination);
  };

  const autofill = usePasskeyAutofill(staying && secondFactor === null && !leaving, {
    onSignedIn: finish,
    onError: (error) => {
      signIn.reset();
      passkey.reset();
      setAutofillError(error);
    },
  });

  // Signed in (already, or just now): go on to where the reader was headed — unless that is the hub, which
  // sent the reader here to sign in again (`prompt=login`, `max_age`…); then the form stays.
  if (deletionCancelled) {
    return (
      <AuthCard title={t('signin.title')}>
        <p className="alert alert-success" role="status" data-testid="signin-deletion-cancelled">
          {t('signin.deletionCancelled')}
        </p>
        <button
          type="button"
          className="button button-primary"
          data-testid="signin-continue"
          disabled={leaving}
          onClick={goOn}
        >
          {leaving ? t('signin.continuing') : t('signin.continue')}
        </button>
      </AuthCard>
    );
  }
  if (!staying) return <Navigate to={destination} replace />;

  const busy = signIn.pending || passkey.pending || autofill.verifying || leaving;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setAutofillError(null);
    passkey.reset();
    const result = await signIn.run(identifier.trim(), password);
    if (!result.ok) return;
    if (result.value.status === 'second_factor_required') {
      setPassword('');
      setSecondFactor(result.value);
      return;
    }
    await finish(result.value);
  };

  const signInWithButton = async () => {
    if (busy) return;
    setAutofillError(null);
    signIn.reset();
    const result = await passkey.run(); // aborts the autofill request: one ceremony at a time
    if (result.ok) await finish(result.value);
    else autofill.restart();
  };

  if (secondFactor) {
    return (
      <AuthCard title={t('signin.secondFactor.title')} intro={t('signin.secondFactor.intro')}>
        <SecondFactorStep
          methods={secondFactor.methods}
          leaving={leaving}
          onSignedIn={finish}
          onStartOver={() => setSecondFactor(null)}
        />
      </AuthCard>
    );
  }

  const passkeyError = isAborted(passkey.error) ? null : passkey.error;

  return (
    <AuthCard title={t('signin.title')} intro={t('signin.intro')}>
      {params.get('account_deleted') === '1' && (
        <p className="alert alert-success" role="status" data-testid="signin-account-deleted">
          {t('signin.accountDeleted', { days: ACCOUNT_DELETION_GRACE_DAYS })}
        </p>
      )}
      {signedIn && toHub && !leaving && (
        <p className="alert alert-info" role="status" data-testid="signin-again">
          {t('signin.signInAgain')}
        </p>
      )}
      <form className="form" onSubmit={submit} noValidate>
        <FormError error={signIn.error ?? passkeyError ?? autofillError} />
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
        <p className="signin-forgot">
          <Link
            to={
              identifier.trim()
                ? `/forgot-password?login_hint=${encodeURIComponent(identifier.trim())}`
                : '/forgot-password'
            }
            data-testid="signin-forgot"
          >
            {t('recovery.forgotLink')}
          </Link>
        </p>
        <button type="submit" className="button button-primary" data-testid="signin-submit" disabled={busy}>
          {leaving ? t('signin.continuing') : signIn.pending ? t('signin.submitting') : t('signin.submit')}
        </button>
      </form>
      <p className="signin-divider" aria-hidden="true">
        <span>{t('signin.or')}</span>
      </p>
      <button
        type="button"
        className="button signin-passkey"
        data-testid="signin-passkey"
        disabled={busy}
        onClick={signInWithButton}
      >
        {passkey.pending || autofill.verifying ? t('signin.passkeyWaiting') : t('signin.passkey')}
      </button>
      <p className="card-footer">
        {t('signin.noAccount')}{' '}
        <Link to={returnTo === null ? '/signup' : withReturnTo('/signup', destination)}>
          {t('signin.createAccount')}
        </Link>
      </p>
    </AuthCard>
  );
}
