import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/orbit';
import { recoveryApi } from '../../api/recovery';
import type { Account } from '../../api/types';
import { FormError } from '../../components/FormError';
import { useAction } from '../../lib/use-action';
import { useSession } from '../../session/context';

/**
 * The address's state under the profile's email field: verified, not verified, or a new address waiting for its
 * link — with "send the link again", and a way to keep the current address instead of a pending change.
 */
export function EmailState({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { updateAccount } = useSession();
  const resend = useAction(recoveryApi.resendVerification);
  const keep = useAction(api.updateProfile);
  const [resentTo, setResentTo] = useState<string | null>(null);
  const waiting = account.pendingEmail ?? (account.email && !account.emailVerified ? account.email : null);

  if (account.email && account.emailVerified && !account.pendingEmail) {
    return (
      <p className="email-state email-state-verified" data-testid="email-state">
        ✓ {t('recovery.emailState.verified')}
      </p>
    );
  }
  if (!waiting) return null;

  return (
    <div className="email-state" data-testid="email-state">
      <p>
        {account.pendingEmail
          ? account.email
            ? t('recovery.emailState.pending', { email: account.pendingEmail })
            : t('recovery.emailState.pendingNew', { email: account.pendingEmail })
          : t('recovery.emailState.unverified')}
      </p>
      <FormError error={resend.error ?? keep.error} />
      <div className="form-actions">
        <button
          type="button"
          className="button"
          data-testid="email-resend"
          disabled={resend.pending}
          onClick={async () => {
            setResentTo(null);
            const result = await resend.run();
            if (result.ok) setResentTo(result.value.email);
          }}
        >
          {resend.pending ? t('recovery.emailState.resending') : t('recovery.emailState.resend')}
        </button>
        {account.pendingEmail && account.email && (
          <button
            type="button"
            className="button"
            data-testid="email-keep"
            disabled={keep.pending}
            onClick={async () => {
              const result = await keep.run({ email: account.email });
              if (result.ok) updateAccount(result.value);
            }}
          >
            {t('recovery.emailState.cancel')}
          </button>
        )}
        <div role="status" className="form-status">
          {resentTo && <span className="saved">{t('recovery.emailState.resent', { email: resentTo })}</span>}
        </div>
      </div>
    </div>
  );
}
