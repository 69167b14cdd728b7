import { useTranslation } from 'react-i18next';
import type { GrantableRole } from '../../../api/admin-accounts';
import { type RoleChip, roleChips } from './roles';

/** A role's name for the reader: the hub's roles translated, a service's in its own words. */
export function useRoleLabel() {
  const { t } = useTranslation();
  return (chip: RoleChip) => (chip.hubRole ? t(`adminAccounts.roles.hub.${chip.hubRole}`) : chip.label);
}

/**
 * An account's roles as chips: hub roles first and coloured, then service roles with their service's id. With
 * `onRevoke`, each chip has a button that takes the role away (after a confirmation the caller shows).
 */
export function RoleChips({
  roles,
  known,
  onRevoke,
  emptyText,
}: {
  roles: readonly string[];
  known: readonly GrantableRole[];
  onRevoke?: (chip: RoleChip) => void;
  /** Shown when there are none; nothing when omitted. */
  emptyText?: string;
}) {
  const { t, i18n } = useTranslation();
  const label = useRoleLabel();
  const chips = roleChips(roles, known, i18n.resolvedLanguage ?? 'en');
  if (chips.length === 0) return emptyText ? <span className="admin-none">{emptyText}</span> : null;
  return (
    <ul className="role-chips" data-testid="role-chips">
      {chips.map((chip) => (
        <li
          key={chip.role}
          className={`role-chip role-chip-${chip.hubRole ?? 'service'}`}
          data-testid="role-chip"
          data-role={chip.role}
          title={chip.kind === 'service' ? chip.role : undefined}
        >
          {chip.serviceId && <span className="role-chip-service">{chip.serviceId}</span>}
          <span>{label(chip)}</span>
          {onRevoke && (
            <button
              type="button"
              className="role-chip-remove"
              aria-label={t('adminAccounts.roles.revokeLabel', { role: label(chip) })}
              title={t('adminAccounts.roles.revokeLabel', { role: label(chip) })}
              data-testid={`role-revoke-${chip.role}`}
              onClick={() => onRevoke(chip)}
            >
              ×
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
