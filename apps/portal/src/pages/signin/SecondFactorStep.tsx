import { ApiError } from '@orbit/ui/api';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type SecondFactorRequired, type SignedIn } from '../../api/orbit';
import { FormError } from '../../components/FormError';
import { TextField } from '../../components/TextField';
import { useAction } from '../../lib/use-action';
import { confirmSecondFactor } from '../../passkeys/ceremonies';
import { isAborted } from '../../passkeys/ceremony-error';

interface SecondFactorStepProps {
  methods: SecondFactorRequired['methods'];
  /** Set while the page goes on after signing in. */
  leaving: boolean;
  onSignedIn: (signedIn: SignedIn) => void;
  /** Back to the password form (the pending sign-in expired, or the reader wants another account). */
  onStartOver: () => void;
}

const RECOVERY_CODE_MAX = 64;

/**
 * The password was right and the account has passkey protection: the sign-in completes with the account's
 * passkey, or with one of its recovery codes (used up by this sign-in).
 */
export function SecondFactorStep({ methods, leaving, onSignedIn, onStartOver }: SecondFactorStepProps) {
  const { t } = useTranslation();
  const canUsePasskey = methods.includes('passkey');
  const canUseCode = methods.includes('recovery_code');
  const [mode, setMode] = useState<'passkey' | 'recovery_code'>(canUsePasskey ? 'passkey' : 'recovery_code');
  const [code, setCode] = useState('');
  const passkey = useAction(confirmSecondFactor);
  const recovery = useAction(api.secondFactorRecoveryCode);
  const error = mode === 'passkey' ? (isAborted(passkey.error) ? null : passkey.error) : recovery.error;
  const expired = error instanceof ApiError && error.code === 'sign_in.pending_required';
  const busy = passkey.pending || recovery.pending || leaving;

  const confirmWithPasskey = async () => {
    const result = await passkey.run();
    if (result.ok) onSignedIn(result.value);
  };

  const submitCode = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const result = await recovery.run(code.trim());
    if (result.ok) onSignedIn(result.value);
  };

  const switchTo = (next: 'passkey' | 'recovery_code') => {
    passkey.reset();
    recovery.reset();
    setMode(next);
  };

  return (
    <div className="second-factor" data-testid="signin-second-factor">
      <FormError error={error} />
      {mode === 'passkey' ? (
        <>
          <p>{t('signin.secondFactor.passkeyIntro')}</p>
          <button
            type="button"
            className="button button-primary"
            data-testid="signin-second-factor-passkey"
            disabled={busy || expired}
            onClick={confirmWithPasskey}
          >
            {leaving
              ? t('signin.continuing')
              : passkey.pending
                ? t('signin.secondFactor.waiting')
                : t('signin.secondFactor.usePasskey')}
          </button>
          {canUseCode && (
            <button
              type="button"
              className="link-button"
              data-testid="signin-use-recovery-code"
              disabled={busy}
              onClick={() => switchTo('recovery_code')}
            >
              {t('signin.secondFactor.useRecoveryCode')}
            </button>
          )}
        </>
      ) : (
        <form className="form" onSubmit={submitCode} noValidate>
          <p>{t('signin.secondFactor.recoveryIntro')}</p>
          <TextField
            label={t('signin.secondFactor.recoveryCode')}
            name="recoveryCode"
            testId="signin-recovery-code"
            value={code}
            onChange={setCode}
            hint={t('signin.secondFactor.recoveryHint')}
            autoComplete="one-time-code"
            maxLength={RECOVERY_CODE_MAX}
            verbatim
          />
          <button
            type="submit"
            className="button button-primary"
            data-testid="signin-recovery-submit"
            disabled={busy || expired || code.trim() === ''}
          >
            {leaving
              ? t('signin.continuing')
              : recovery.pending
                ? t('signin.submitting')
                : t('signin.secondFactor.submitCode')}
          </button>
          {canUsePasskey && (
            <button
              type="button"
              className="link-button"
              data-testid="signin-use-passkey"
              disabled={busy}
              onClick={() => switchTo('passkey')}
            >
              {t('signin.secondFactor.usePasskeyInstead')}
            </button>
          )}
        </form>
      )}
      <p className="card-footer">
        <button
          type="button"
          className="link-button"
          data-testid="signin-start-over"
          disabled={busy}
          onClick={onStartOver}
        >
          {t('signin.secondFactor.startOver')}
        </button>
      </p>
    </div>
  );
}
