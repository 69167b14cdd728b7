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
 * `/email/undo?token=…`: the page the "your email was changed" message links to. The button brings the old address
 * back and signs every device out (whoever made the change may still be signed in); then a password reset is offered.
 */
export function UndoEmailChangePage() {
  const { t } = useTranslation();
  const token = useLinkToken();
  const check = useLinkCheck(token, recoveryApi.checkUndoToken);
  const undo = useAction(recoveryApi.undoEmailChange);
  const session = useSession();
  const [restored, setRestored] = useState<string | null>(null);

  if (restored) {
    return (
      <AuthCard title={t('recovery.undo.doneTitle')}>
        <p className="alert alert-success" role="status" data-testid="undo-done">
          {t('recovery.undo.done', { email: restored })}
        </p>
        <Link
          className="button button-primary"
          to={`/forgot-password?login_hint=${encodeURIComponent(restored)}`}
        >
          {t('recovery.undo.resetPassword')}
        </Link>
        <p className="card-footer">
          <Link to="/signin">{t('recovery.undo.signIn')}</Link>
        </p>
      </AuthCard>
    );
  }

  if (check.status === 'invalid') {
    return (
      <AuthCard title={t('recovery.undo.invalidTitle')}>
        <p className="alert alert-error" role="alert" data-testid="form-error">
          {t('recovery.undo.invalid')}
        </p>
        <Link className="button" to="/signin">
          {t('recovery.undo.signIn')}
        </Link>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('recovery.undo.title')}>
      {check.status === 'checking' && <Loading label={t('recovery.undo.checking')} />}
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
          <p className="card-intro">{t('recovery.undo.confirmIntro', { email: check.value.email })}</p>
          <FormError error={undo.error} />
          <button
            type="button"
            className="button button-primary"
            data-testid="undo-submit"
            disabled={undo.pending}
            onClick={async () => {
              const result = await undo.run(token);
              if (!result.ok) return;
              setRestored(result.value.email);
              // Every session of the account ended, this browser's too if it was signed in to it.
              if (session.account) session.reload();
            }}
          >
            {undo.pending
              ? t('recovery.undo.confirming')
              : t('recovery.undo.confirm', { email: check.value.email })}
          </button>
        </>
      )}
    </AuthCard>
  );
}
