import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';

/** Where the account center adds passkeys (its Security page, passkeys section). */
export const ADD_PASSKEY_HREF = '/account/security#passkeys';

/**
 * "Add a passkey first": a staff write was refused with `admin.passkey_required`. Admin changes are confirmed with
 * a passkey, so an account without one is sent to add one; nothing here can confirm the action in its place.
 */
export function PasskeyRequiredDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('staff.passkeyRequired.title')} onDismiss={onClose} testId="passkey-required-dialog">
      <div className="dialog-body">
        <p>{t('staff.passkeyRequired.body')}</p>
      </div>
      <div className="dialog-actions">
        <button type="button" className="button" data-testid="passkey-required-close" onClick={onClose}>
          {t('staff.passkeyRequired.close')}
        </button>
        {/* A full navigation: this dialog sits above the router, at the root of the app. */}
        <a
          className="button button-primary"
          href={ADD_PASSKEY_HREF}
          data-autofocus
          data-testid="passkey-required-add"
        >
          {t('staff.passkeyRequired.add')}
        </a>
      </div>
    </Dialog>
  );
}
