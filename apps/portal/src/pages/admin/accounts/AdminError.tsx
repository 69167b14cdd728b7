import { ApiError } from '@orbit/ui/api';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorText } from '../../../i18n/use-error-text';
import { ADD_PASSKEY_HREF } from '../../../passkeys/PasskeyRequiredDialog';

/** Whether the hub refused an admin change because the staff account has no passkey yet. */
export const isPasskeyRequired = (error: unknown): boolean =>
  error instanceof ApiError && error.code === 'admin.passkey_required';

/**
 * The outcome of a failed console action, announced: the console's own words for the refusals of account
 * management (the last administrator, locking oneself…), a link to add a passkey when the hub wants one first
 * (the app's own "add a passkey first" dialog opens above it too, and this stays once that is closed), and the
 * app's usual message for anything else.
 */
export function AdminError({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  const { message } = useErrorText();
  if (!error) return null;
  if (isPasskeyRequired(error)) {
    return (
      <div role="alert" className="alert alert-error" data-testid="admin-passkey-required">
        <p>{t('adminAccounts.errors.admin.passkey_required')}</p>
        <p>
          <Link to={ADD_PASSKEY_HREF} data-testid="admin-add-passkey-link">
            {t('adminAccounts.addPasskey')}
          </Link>
        </p>
      </div>
    );
  }
  const key = error instanceof ApiError ? `adminAccounts.errors.${error.code}` : '';
  const own = key && i18n.exists(key) ? (t as unknown as (k: string) => unknown)(key) : null;
  return (
    <div
      role="alert"
      className="alert alert-error"
      data-testid="form-error"
      data-code={error instanceof ApiError ? error.code : undefined}
    >
      {typeof own === 'string' ? own : message(error)}
    </div>
  );
}
