import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AdminAccountDetail, adminAccounts } from '../../../api/admin-accounts';
import type { Permission } from '../../../api/types';
import { useAction } from '../../../lib/use-action';
import { ActionDialog } from './ActionDialog';
import { type AccountAction, actionsFor, needsReason, wordingOf } from './actions';

/** Sends one account action to the hub. */
function send(
  action: Exclude<AccountAction, 'edit-profile'>,
  account: AdminAccountDetail,
  reason: string,
): Promise<unknown> {
  switch (action) {
    case 'lock':
      return adminAccounts.lock(account.id, reason);
    case 'unlock':
      return adminAccounts.unlock(account.id, reason);
    case 'revoke-sessions':
      return adminAccounts.revokeAllSessions(account.id);
    case 'password-reset':
      return adminAccounts.sendPasswordReset(account.id);
    case 'resend-verification':
      return adminAccounts.resendVerification(account.id);
    case 'reset-recovery-codes':
      return adminAccounts.resetRecoveryCodes(account.id);
    case 'delete':
      return adminAccounts.remove(account.id, reason);
  }
}

/** Actions whose button is red: they lock someone out or destroy something. */
const DANGER: readonly AccountAction[] = ['lock', 'revoke-sessions', 'reset-recovery-codes', 'delete'];

interface AccountActionsProps {
  account: AdminAccountDetail;
  permissions: readonly Permission[];
  selfId: string | null;
  /** After an action: `action` is done (the page reloads the account and says so). */
  onDone: (action: AccountAction) => void;
  /** Opens the profile form (the one action that is a form rather than a confirmation). */
  onEdit: () => void;
}

/**
 * The account's actions a staff member may take: lock or unlock (with a reason), end all sessions, mail a
 * password-reset link or the verification link again, reset recovery codes, edit the profile, delete (typing the
 * handle). Each one is confirmed in a dialog first; the hub may then ask for a passkey step-up (the app's step-up
 * dialog) and the request goes on once it is given.
 */
export function AccountActions({ account, permissions, selfId, onDone, onEdit }: AccountActionsProps) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<Exclude<AccountAction, 'edit-profile'> | null>(null);
  const run = useAction(send);
  const actions = actionsFor(account, permissions, selfId);
  if (actions.length === 0) return null;

  const label = (action: AccountAction, key: string, values: Record<string, string> = {}) =>
    (t as unknown as (k: string, o: object) => string)(
      `adminAccounts.actions.${wordingOf(action, account)}.${key}`,
      {
        name: account.displayName,
        handle: account.handle,
        email: (action === 'resend-verification' ? account.pendingEmail : null) ?? account.email ?? '',
        ...values,
      },
    );

  const confirm = async (reason: string) => {
    if (!asking) return;
    const result = await run.run(asking, account, reason);
    if (result.ok) {
      const action = asking;
      setAsking(null);
      onDone(action);
    }
  };

  const cancel = () => {
    setAsking(null);
    run.reset();
  };

  return (
    <section className="card account-section" aria-labelledby="admin-account-actions">
      <h2 id="admin-account-actions">{t('adminAccounts.actions.title')}</h2>
      <div className="console-actions" data-testid="admin-account-actions">
        {actions.map((action) => (
          <button
            key={action}
            type="button"
            className={DANGER.includes(action) ? 'button button-danger' : 'button'}
            data-testid={`admin-account-action-${action}`}
            onClick={() => (action === 'edit-profile' ? onEdit() : setAsking(action))}
          >
            {label(action, 'button')}
          </button>
        ))}
      </div>
      {asking && (
        <ActionDialog
          title={label(asking, 'title')}
          confirmLabel={label(asking, 'ok')}
          pendingLabel={label(asking, 'running')}
          danger={DANGER.includes(asking)}
          pending={run.pending}
          error={run.error}
          reason={
            needsReason(asking)
              ? { label: t('adminAccounts.reason.label'), hint: t('adminAccounts.reason.hint') }
              : undefined
          }
          typeToConfirm={
            asking === 'delete'
              ? {
                  text: account.handle,
                  label: t('adminAccounts.actions.delete.typeHandle', { handle: account.handle }),
                }
              : undefined
          }
          onConfirm={confirm}
          onCancel={cancel}
        >
          <p>{label(asking, 'body')}</p>
        </ActionDialog>
      )}
    </section>
  );
}
