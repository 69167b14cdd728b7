import { ApiError } from '@orbit/ui/api';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/orbit';
import { AccountForm } from '../components/AccountForm';
import { AuthCard } from '../components/AuthCard';
import { FormError } from '../components/FormError';
import { Loading } from '../components/Loading';
import { useAction } from '../lib/use-action';
import { useSession } from '../session/context';

type TokenCheck = 'checking' | 'valid' | 'invalid' | { error: unknown };

/** `/setup?token=…`: creates the first administrator with the one-time link the hub printed. */
export function SetupPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [check, setCheck] = useState<TokenCheck>('checking');
  const [attempt, setAttempt] = useState(0);
  const session = useSession();
  const navigate = useNavigate();
  const setup = useAction(api.completeSetup);

  useEffect(() => {
    void attempt; // checks again when the reader asks to retry
    if (!token) return;
    let cancelled = false;
    setCheck('checking');
    api.checkSetupToken(token).then(
      () => !cancelled && setCheck('valid'),
      (error: unknown) => {
        if (cancelled) return;
        setCheck(error instanceof ApiError && error.status === 404 ? 'invalid' : { error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [token, attempt]);

  if (!token || check === 'invalid') {
    return (
      <AuthCard title={t('setup.invalidTitle')}>
        <p className="alert alert-error" role="alert" data-testid="form-error">
          {token ? t('setup.invalidBody') : t('setup.missingToken')}
        </p>
        <Link className="button" to="/signin">
          {t('setup.goToSignIn')}
        </Link>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('setup.title')} intro={t('setup.intro')}>
      {check === 'checking' && <Loading label={t('setup.checking')} />}
      {typeof check === 'object' && (
        <>
          <FormError error={check.error} />
          <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('app.retry')}
          </button>
        </>
      )}
      {check === 'valid' && (
        <AccountForm
          testIdPrefix="setup"
          submitLabel={t('setup.submit')}
          submittingLabel={t('setup.submitting')}
          pending={setup.pending}
          error={setup.error}
          onSubmit={async (input) => {
            const result = await setup.run({ ...input, token });
            if (result.ok) {
              session.signedIn(result.value.account);
              await navigate('/account', { replace: true, state: { setupDone: true } });
            }
          }}
        />
      )}
    </AuthCard>
  );
}
