import { ACCOUNT_DELETION_GRACE_DAYS } from '@orbit/contracts';
import { ApiError } from '@orbit/ui/api';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { security } from '../../api/security';
import type { Account } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { TextField } from '../../components/TextField';
import { useTierName } from '../../components/TierBadge';
import { formatDate } from '../../i18n/dates';
import { useErrorText } from '../../i18n/use-error-text';
import { useAction } from '../../lib/use-action';
import { type Load, useLoad } from '../../lib/use-load';
import { accountCenter, type DeletionCheck } from './account-api';

interface DeleteAccountDialogProps {
  account: Account;
  /** Without a passkey the hub wants the password; with one, a step-up (asked for by the client). */
  needsPassword: boolean;
  onDeleted: () => void;
  onCancel: () => void;
}

/**
 * Deleting the account: the reader types the account number (and the password without a passkey). It is signed
 * out everywhere at once and deleted after the grace period; signing in before then cancels it. Paid memberships
 * are named first — they stop renewing now and end, unrefunded, with the account — and a payment still being
 * processed holds it back.
 */
export function DeleteAccountDialog({
  account,
  needsPassword,
  onDeleted,
  onCancel,
}: DeleteAccountDialogProps) {
  const { t } = useTranslation();
  const { fields } = useErrorText();
  const [confirm, setConfirm] = useState('');
  const [password, setPassword] = useState('');
  const remove = useAction(security.deleteAccount);
  const check = useLoad(accountCenter.deletionCheck, account.id);
  const paying = check.state.status === 'ready' && check.state.value.paymentInProgress;
  const problems = fields(remove.error);
  const wrongPassword = remove.error instanceof ApiError && remove.error.code === 'auth.invalid_credentials';
  const matches = confirm.trim() === account.accountNumber;
  const ready = matches && (!needsPassword || password !== '') && check.state.status !== 'loading' && !paying;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!ready) return;
    const result = await remove.run(
      needsPassword ? { confirm: confirm.trim(), password } : { confirm: confirm.trim() },
    );
    if (result.ok) onDeleted();
  };

  return (
    <Dialog title={t('dataAccount.delete.title')} onDismiss={onCancel} testId="delete-account-dialog">
      <form className="form" onSubmit={submit} noValidate>
        <div className="dialog-body">
          <p className="alert alert-warning" data-testid="delete-account-warning">
            {t('dataAccount.delete.warning', { days: ACCOUNT_DELETION_GRACE_DAYS })}
          </p>
          <p className="section-intro" data-testid="delete-account-grace">
            {t('dataAccount.delete.graceNote')}
          </p>
          <MembershipsWarning check={check.state} />
          <FormError
            error={remove.error}
            text={wrongPassword ? t('dataAccount.delete.wrongPassword') : undefined}
          />
          {/* Lets password managers know whose password this is. */}
          {needsPassword && (
            <input
              type="text"
              name="username"
              autoComplete="username"
              value={account.accountNumber}
              readOnly
              hidden
            />
          )}
          <TextField
            label={t('dataAccount.delete.confirmLabel', { accountNumber: account.accountNumber })}
            name="confirm"
            testId="delete-account-confirm-input"
            value={confirm}
            onChange={setConfirm}
            error={problems.confirm}
            inputMode="numeric"
            autoComplete="off"
            maxLength={32}
            verbatim
          />
          {needsPassword && (
            <TextField
              label={t('dataAccount.delete.password')}
              name="password"
              type="password"
              testId="delete-account-password"
              value={password}
              onChange={setPassword}
              error={wrongPassword ? t('dataAccount.delete.wrongPassword') : problems.password}
              autoComplete="current-password"
              maxLength={1024}
            />
          )}
        </div>
        <div className="dialog-actions">
          <button
            type="button"
            className="button"
            data-autofocus
            data-testid="delete-account-cancel"
            disabled={remove.pending}
            onClick={onCancel}
          >
            {t('dataAccount.delete.cancel')}
          </button>
          <button
            type="submit"
            className="button button-danger-solid"
            data-testid="delete-account-submit"
            disabled={!ready || remove.pending}
          >
            {remove.pending ? t('dataAccount.delete.deleting') : t('dataAccount.delete.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** What the deletion ends of the account's memberships; nothing when it holds none (or the check failed). */
function MembershipsWarning({ check }: { check: Load<DeletionCheck> }) {
  const { t, i18n } = useTranslation();
  const tierName = useTierName();
  const language = i18n.resolvedLanguage ?? 'en';
  if (check.status === 'loading') return <Loading label={t('accountCenter.deletion.checking')} />;
  if (check.status === 'error') return null;
  const { paidMemberships, complimentaryMemberships, paymentInProgress } = check.value;
  return (
    <>
      {paymentInProgress && (
        <p className="alert alert-error" role="alert" data-testid="delete-account-paying">
          {t('accountCenter.deletion.paymentInProgress')}
        </p>
      )}
      {paidMemberships.length > 0 && (
        <div className="alert alert-warning deletion-memberships" data-testid="delete-account-memberships">
          <p>
            <strong>{t('accountCenter.deletion.paidTitle')}</strong>
          </p>
          <ul>
            {paidMemberships.map((subscription) => (
              <li
                key={subscription.id}
                data-testid="delete-account-membership"
                data-tier={subscription.tierId}
              >
                {subscription.status === 'past_due'
                  ? t('accountCenter.deletion.paidItemPastDue', { tier: tierName(subscription.tier) })
                  : t('accountCenter.deletion.paidItem', {
                      tier: tierName(subscription.tier),
                      date: formatDate(subscription.currentPeriodEnd, language),
                    })}
              </li>
            ))}
          </ul>
          <p>{t('accountCenter.deletion.noRefund')}</p>
        </div>
      )}
      {complimentaryMemberships.length > 0 && (
        <p className="section-intro" data-testid="delete-account-complimentary">
          {t('accountCenter.deletion.complimentary', { count: complimentaryMemberships.length })}
        </p>
      )}
    </>
  );
}
