import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { recoveryApi } from '../../api/recovery';
import { AuthCard } from '../../components/AuthCard';
import { FormError } from '../../components/FormError';
import { TextField } from '../../components/TextField';
import { useErrorText } from '../../i18n/use-error-text';
import { useAction } from '../../lib/use-action';

const IDENTIFIER_MAX = 320;

/**
 * `/forgot-password?login_hint=…`: asks for a reset link. The hub answers the same whatever the identifier names,
 * so this page says the same too: "if that account has a verified address, a link is on its way".
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const { fields } = useErrorText();
  const [params] = useSearchParams();
  const [identifier, setIdentifier] = useState(() =>
    (params.get('login_hint') ?? '').trim().slice(0, IDENTIFIER_MAX),
  );
  const [sent, setSent] = useState(false);
  const ask = useAction(recoveryApi.requestPasswordReset);
  const problems = fields(ask.error);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = await ask.run(identifier.trim());
    if (result.ok) setSent(true);
  };

  if (sent) {
    return (
      <AuthCard title={t('recovery.forgot.sentTitle')}>
        <p className="alert alert-success" role="status" data-testid="forgot-sent">
          {t('recovery.forgot.sent')}
        </p>
        <p className="card-intro">{t('recovery.forgot.sentHint')}</p>
        <Link className="button" to="/signin">
          {t('recovery.forgot.backToSignIn')}
        </Link>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('recovery.forgot.title')} intro={t('recovery.forgot.intro')}>
      <form className="form" onSubmit={submit} noValidate>
        <FormError error={ask.error} />
        <TextField
          label={t('recovery.forgot.identifier')}
          name="identifier"
          testId="forgot-identifier"
          value={identifier}
          onChange={setIdentifier}
          error={problems.identifier}
          autoComplete="username"
          maxLength={IDENTIFIER_MAX}
          verbatim
        />
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            data-testid="forgot-submit"
            disabled={ask.pending || identifier.trim() === ''}
          >
            {ask.pending ? t('recovery.forgot.submitting') : t('recovery.forgot.submit')}
          </button>
        </div>
      </form>
      <p className="card-footer">
        <Link to="/signin">{t('recovery.forgot.backToSignIn')}</Link>
      </p>
    </AuthCard>
  );
}
