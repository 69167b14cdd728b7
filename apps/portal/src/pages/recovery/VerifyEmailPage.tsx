import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { recoveryApi } from '../../api/recovery';
import { AuthCard } from '../../components/AuthCard';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { useLinkToken } from '../../lib/link-token';
import { useAction } from '../../lib/use-action';
import { useSession } from '../../session/context';
import { useLinkCheck } from './use-link-check';

/**
 * `/verify-email?token=…`: the page a verification link opens. Opening it spends nothing (a mail scanner may open
 * it first); the reader confirms with the button.
 */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  const token = useLinkToken();
  const check = useLinkCheck(token, recoveryApi.checkVerifyToken);
  const verify = useAction(recoveryApi.verifyEmail);
  const session = useSession();
  const [verified, setVerified] = useState<string | null>(null);

  if (verified) {
    return (
      <AuthCard title={t('recovery.verify.doneTitle')}>
        <p className="alert alert-success" role="status" data-testid="verify-done">
          {t('recovery.verify.done', { email: verified })}
        </p>
        {session.account ? (
          <Link className="button button-primary" to="/account" onClick={() => session.reload()}>
            {t('recovery.verify.toAccount')}
          </Link>
        ) : (
          <Link className="button button-primary" to="/signin">
            {t('recovery.verify.signIn')}
          </Link>
        )}
      </AuthCard>
    );
  }

  if (check.status === 'invalid') {
    return (
      <AuthCard title={t('recovery.verify.invalidTitle')}>
        <p className="alert alert-error" role="alert" data-testid="form-error">
          {t('recovery.verify.invalid')}
        </p>
        <Link className="button" to={session.account ? '/account' : '/signin'}>
          {session.account ? t('recovery.verify.toAccount') : t('recovery.verify.signIn')}
        </Link>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('recovery.verify.title')}>
      {check.status === 'checking' && <Loading label={t('recovery.verify.checking')} />}
      {check.status === 'error' && (
        <>
          <FormError error={check.error} />
          <button type="button" className="button" onClick={check.retry}>
            {t('app.retry')}
          </button>
        </>
      )}
      {check.status === 'valid' && (
        <>
          <p className="card-intro">{t('recovery.verify.confirmIntro', { email: check.value.email })}</p>
          <FormError error={verify.error} />
          <button
            type="button"
            className="button button-primary"
            data-testid="verify-submit"
            disabled={verify.pending}
            onClick={async () => {
              const result = await verify.run(token);
              if (result.ok) setVerified(result.value.email);
            }}
          >
            {verify.pending
              ? t('recovery.verify.confirming')
              : t('recovery.verify.confirm', { email: check.value.email })}
          </button>
        </>
      )}
    </AuthCard>
  );
}
