import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AdminAccountDetail, adminAccounts, type GrantableRole } from '../../../api/admin-accounts';
import { useAction } from '../../../lib/use-action';
import { ActionDialog } from './ActionDialog';
import { AdminError } from './AdminError';
import { RoleChips, useRoleLabel } from './RoleChips';
import { grantableGroups, isLastAdmin, type RoleChip } from './roles';

type Change = { kind: 'grant' | 'revoke'; chip: RoleChip };

const applyChange = (accountId: string, change: Change) =>
  change.kind === 'grant'
    ? adminAccounts.grantRole(accountId, change.chip.role)
    : adminAccounts.revokeRole(accountId, change.chip.role);

/**
 * The account's roles, and for those who may change them: a picker of every role not held (the hub's, then each
 * service's), and a remove button on each chip. Both are confirmed first; removing the last administrator is
 * refused by the hub (409 `role.last_admin`), said here in words.
 */
export function AccountRoles({
  account,
  known,
  canWrite,
  onChanged,
}: {
  account: AdminAccountDetail;
  known: readonly GrantableRole[];
  canWrite: boolean;
  onChanged: (change: Change) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const roleLabel = useRoleLabel();
  const [picked, setPicked] = useState('');
  const [asking, setAsking] = useState<Change | null>(null);
  const [refused, setRefused] = useState<unknown>(null);
  const change = useAction(applyChange);
  const groups = grantableGroups(known, account.roles, language);

  const ask = (next: Change) => {
    setRefused(null);
    change.reset();
    setAsking(next);
  };

  const pick = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const chip = groups.flatMap((g) => g.roles).find((r) => r.role === picked);
    if (chip) ask({ kind: 'grant', chip });
  };

  const confirm = async () => {
    if (!asking) return;
    const result = await change.run(account.id, asking);
    if (result.ok) {
      setAsking(null);
      setPicked('');
      onChanged(asking);
    } else if (isLastAdmin(result.error)) {
      // Not something to retry in the dialog: close it and say why beside the roles.
      setAsking(null);
      setRefused(result.error);
    }
  };

  const name = asking ? roleLabel(asking.chip) : '';
  const target = { name: account.displayName, role: name };

  return (
    <section
      className="card account-section"
      aria-labelledby="admin-account-roles"
      data-testid="admin-account-roles"
    >
      <h2 id="admin-account-roles">{t('adminAccounts.roles.title')}</h2>
      <p className="section-intro">{t('adminAccounts.roles.intro')}</p>
      <RoleChips
        roles={account.roles}
        known={known}
        emptyText={t('adminAccounts.roles.none')}
        onRevoke={canWrite ? (chip) => ask({ kind: 'revoke', chip }) : undefined}
      />
      <AdminError error={refused} />
      {canWrite && groups.length > 0 && (
        <form className="console-inline-form" onSubmit={pick}>
          <label htmlFor="admin-role-picker">{t('adminAccounts.roles.pick')}</label>
          <select
            id="admin-role-picker"
            value={picked}
            data-testid="admin-role-picker"
            onChange={(event) => setPicked(event.target.value)}
          >
            <option value="">{t('adminAccounts.roles.choose')}</option>
            {groups.map((group) => (
              <optgroup
                key={group.serviceId ?? ''}
                label={
                  group.serviceId
                    ? t('adminAccounts.roles.serviceGroup', { service: group.serviceId })
                    : t('adminAccounts.roles.hubGroup')
                }
              >
                {group.roles.map((chip) => (
                  <option key={chip.role} value={chip.role}>
                    {chip.kind === 'service' ? `${roleLabel(chip)} (${chip.role})` : roleLabel(chip)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <button type="submit" className="button" disabled={!picked} data-testid="admin-role-grant">
            {t('adminAccounts.roles.grant')}
          </button>
        </form>
      )}
      {asking && (
        <ActionDialog
          title={
            asking.kind === 'grant'
              ? t('adminAccounts.roles.grantTitle', target)
              : t('adminAccounts.roles.revokeTitle', target)
          }
          confirmLabel={
            asking.kind === 'grant' ? t('adminAccounts.roles.grantOk') : t('adminAccounts.roles.revokeOk')
          }
          pendingLabel={t('adminAccounts.roles.saving')}
          danger={asking.kind === 'revoke'}
          pending={change.pending}
          error={change.error}
          onConfirm={confirm}
          onCancel={() => setAsking(null)}
        >
          <p>
            {asking.kind === 'grant'
              ? t(`adminAccounts.roles.grantBody.${roleKindKey(asking.chip)}`, target)
              : t(`adminAccounts.roles.revokeBody.${roleKindKey(asking.chip)}`, target)}
          </p>
        </ActionDialog>
      )}
    </section>
  );
}

/** Which explanation a role change gets: what an admin or support member may do, or a service's role. */
const roleKindKey = (chip: RoleChip): 'admin' | 'support' | 'service' => chip.hubRole ?? 'service';
