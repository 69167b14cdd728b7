import './admin/accounts/console.css';
import { ApiError } from '@orbit/ui/api';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { adminAccounts } from '../api/admin-accounts';
import { FormError } from '../components/FormError';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import { SecurityEventList } from '../components/SecurityEventList';
import { useLoad } from '../lib/use-load';
import { AccountMembership } from './admin/AccountMembership';
import { AdminNav } from './admin/AdminNav';
import { AccountActions } from './admin/accounts/AccountActions';
import { AccountAudit } from './admin/accounts/AccountAudit';
import { AccountOverview } from './admin/accounts/AccountOverview';
import { AccountPasskeys } from './admin/accounts/AccountPasskeys';
import { AccountProfileForm } from './admin/accounts/AccountProfileForm';
import { AccountRoles } from './admin/accounts/AccountRoles';
import { type AccountAction, can, wordingOf } from './admin/accounts/actions';
import { useRoleLabel } from './admin/accounts/RoleChips';
import { roleChips } from './admin/accounts/roles';
import { useKnownRoles } from './admin/accounts/use-roles';
import { useStaff } from './admin/accounts/use-staff';
import { isForbidden } from './admin/services';
import { ForbiddenPage } from './ForbiddenPage';

const isGone = (error: unknown) => error instanceof ApiError && error.code === 'account.not_found';

/** The outcome of the last change on the page, announced above it. */
type Done =
  | { kind: 'action'; action: AccountAction; wording: string }
  | { kind: 'role'; change: 'grant' | 'revoke'; role: string }
  | { kind: 'passkey'; name: string }
  | { kind: 'profile' };

/**
 * `/admin/accounts/:id`, for staff: one account — its facts and status, the actions staff may take (each
 * confirmed, then stepped up with a passkey by the hub's rule), its roles, profile, passkeys, memberships and
 * levels, its security log, and what staff did to it (the audit log). Buttons the reader's permissions don't
 * allow are not shown: support sees Unlock and Resend verification.
 */
export function AdminAccountPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { permissions, selfId } = useStaff();
  const known = useKnownRoles();
  const roleLabel = useRoleLabel();
  const account = useLoad(() => adminAccounts.get(id), id);
  const [done, setDone] = useState<Done | null>(null);
  const [editing, setEditing] = useState(false);
  /** Bumped after every change, so the logs below show it. */
  const [version, setVersion] = useState(0);
  const loadLog = useCallback(
    (before: number | undefined, limit: number) => adminAccounts.securityLog(id, before, limit),
    [id],
  );

  if (account.state.status === 'error' && isForbidden(account.state.error)) return <ForbiddenPage />;
  const current = account.state.status === 'ready' ? account.state.value : null;

  const changed = (next: Done) => {
    setDone(next);
    setVersion((v) => v + 1);
    void account.reload();
  };

  const actionDone = (action: AccountAction) => {
    if (!current) return;
    if (action === 'delete') {
      navigate('/admin/accounts', { state: { deleted: current.displayName } });
      return;
    }
    changed({ kind: 'action', action, wording: wordingOf(action, current) });
  };

  const doneText = (): string => {
    if (!done || !current) return '';
    const name = current.displayName;
    switch (done.kind) {
      case 'action':
        return (t as unknown as (k: string, o: object) => string)(
          `adminAccounts.actions.${done.wording}.done`,
          {
            name,
            email:
              (done.action === 'resend-verification' ? current.pendingEmail : null) ?? current.email ?? '',
          },
        );
      case 'role': {
        const [chip] = roleChips([done.role], known, i18n.resolvedLanguage ?? 'en');
        const role = chip ? roleLabel(chip) : done.role;
        return done.change === 'grant'
          ? t('adminAccounts.roles.granted', { name, role })
          : t('adminAccounts.roles.revoked', { name, role });
      }
      case 'passkey':
        return t('adminAccounts.passkeys.removed', { name: done.name });
      case 'profile':
        return t('adminAccounts.profile.saved', { name });
    }
  };

  return (
    <div className="page-wide admin-page" data-testid="admin-account">
      <PageTitle page={t('admin.accounts.accountPageTitle', { name: current?.displayName ?? id })} />
      <AdminNav />
      <p>
        <Link to="/admin/accounts" data-testid="admin-account-back">
          {t('admin.accounts.back')}
        </Link>
      </p>
      {account.state.status === 'loading' && <Loading label={t('admin.accounts.loadingAccount')} />}
      {account.state.status === 'error' &&
        (isGone(account.state.error) ? (
          <p className="card admin-empty" data-testid="admin-account-gone">
            {t('admin.accounts.gone')}
          </p>
        ) : (
          <div className="launcher-problem">
            <FormError error={account.state.error} />
            <button type="button" className="button" onClick={account.retry}>
              {t('app.retry')}
            </button>
          </div>
        ))}
      {current && (
        <>
          <AccountOverview account={current} known={known} />
          <div role="status" className="form-status" data-testid="admin-account-done">
            {done && <p className="alert alert-success">{doneText()}</p>}
          </div>
          <AccountActions
            account={current}
            permissions={permissions}
            selfId={selfId}
            onDone={actionDone}
            onEdit={() => {
              setDone(null);
              setEditing(true);
            }}
          />
          {editing && (
            <AccountProfileForm
              key={`profile-${current.id}`}
              account={current}
              onCancel={() => setEditing(false)}
              onSaved={() => {
                setEditing(false);
                changed({ kind: 'profile' });
              }}
            />
          )}
          <AccountRoles
            account={current}
            known={known}
            canWrite={can(permissions, 'roles:write')}
            onChanged={(change) => changed({ kind: 'role', change: change.kind, role: change.chip.role })}
          />
          <AccountPasskeys
            account={current}
            canWrite={can(permissions, 'accounts:write')}
            onRemoved={(passkey) => changed({ kind: 'passkey', name: passkey.name })}
          />
          {can(permissions, 'membership:write') && (
            <AccountMembership key={`membership-${current.id}`} accountId={current.id} />
          )}
          <section className="card account-section" aria-labelledby="admin-account-log">
            <h2 id="admin-account-log">{t('admin.accounts.log')}</h2>
            <SecurityEventList key={current.id} load={loadLog} version={version} />
          </section>
          {can(permissions, 'audit:read') && <AccountAudit accountId={current.id} version={version} />}
        </>
      )}
    </div>
  );
}
