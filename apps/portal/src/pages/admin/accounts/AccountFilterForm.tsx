import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountFilters, GrantableRole } from '../../../api/admin-accounts';
import type { Tier } from '../../../api/membership-types';
import { useTierName } from '../../../components/TierBadge';
import { createdRangeProblem, NO_FILTERS, QUERY_MAX } from './filters';
import { useRoleLabel } from './RoleChips';
import { grantableGroups } from './roles';

interface AccountFilterFormProps {
  filters: AccountFilters;
  roles: readonly GrantableRole[];
  tiers: readonly Tier[];
  onApply: (filters: AccountFilters) => void;
}

/**
 * The accounts list's search and filters. The draft is applied with the button (or Enter), which puts it in
 * the address; Back and Forward put the address's filters back in the form.
 */
export function AccountFilterForm({ filters, roles, tiers, onApply }: AccountFilterFormProps) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState(filters);
  const roleLabel = useRoleLabel();
  const tierName = useTierName();
  const rangeProblem = createdRangeProblem(draft);

  useEffect(() => setDraft(filters), [filters]);

  const set = <K extends keyof AccountFilters>(key: K, value: AccountFilters[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!rangeProblem) onApply({ ...draft, q: draft.q.trim() });
  };

  // Every role the hub knows, held or not: the filter lists who holds one.
  const roleGroups = grantableGroups(roles, [], i18n.resolvedLanguage ?? 'en', { includeRetired: true });
  const filterValue = (value: string, known: readonly string[]) =>
    value && !known.includes(value) ? [value] : [];
  const knownRoles = roleGroups.flatMap((g) => g.roles.map((r) => r.role));

  return (
    <search>
      <form className="card console-filters" onSubmit={submit} data-testid="admin-accounts-filters">
        <div className="console-filter console-filter-wide">
          <label htmlFor="admin-accounts-q">{t('adminAccounts.filters.q')}</label>
          <input
            id="admin-accounts-q"
            type="search"
            name="q"
            value={draft.q}
            maxLength={QUERY_MAX}
            placeholder={t('admin.accounts.searchPlaceholder')}
            autoComplete="off"
            spellCheck={false}
            data-testid="admin-accounts-search"
            onChange={(event) => set('q', event.target.value)}
          />
        </div>
        <div className="console-filter">
          <label htmlFor="admin-accounts-role">{t('adminAccounts.filters.role')}</label>
          <select
            id="admin-accounts-role"
            value={draft.role}
            data-testid="admin-accounts-role"
            onChange={(event) => set('role', event.target.value)}
          >
            <option value="">{t('adminAccounts.filters.anyRole')}</option>
            {roleGroups.map((group) => (
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
                    {roleLabel(chip)}
                  </option>
                ))}
              </optgroup>
            ))}
            {filterValue(draft.role, knownRoles).map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        </div>
        <div className="console-filter">
          <label htmlFor="admin-accounts-status">{t('adminAccounts.filters.status')}</label>
          <select
            id="admin-accounts-status"
            value={draft.status}
            data-testid="admin-accounts-status"
            onChange={(event) => set('status', event.target.value as AccountFilters['status'])}
          >
            <option value="">{t('adminAccounts.filters.anyStatus')}</option>
            <option value="active">{t('adminAccounts.status.active')}</option>
            <option value="locked">{t('adminAccounts.status.locked')}</option>
            <option value="unverified">{t('adminAccounts.status.unverified')}</option>
          </select>
        </div>
        <div className="console-filter">
          <label htmlFor="admin-accounts-membership">{t('adminAccounts.filters.membership')}</label>
          <select
            id="admin-accounts-membership"
            value={draft.membership}
            data-testid="admin-accounts-membership"
            onChange={(event) => set('membership', event.target.value)}
          >
            <option value="">{t('adminAccounts.filters.anyMembership')}</option>
            <option value="any">{t('adminAccounts.filters.someMembership')}</option>
            <option value="none">{t('adminAccounts.filters.noMembership')}</option>
            {tiers.length > 0 && (
              <optgroup label={t('adminAccounts.filters.tiers')}>
                {tiers.map((tier) => (
                  <option key={tier.id} value={tier.id}>
                    {tierName(tier)}
                  </option>
                ))}
              </optgroup>
            )}
            {filterValue(draft.membership, ['any', 'none', ...tiers.map((tier) => tier.id)]).map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </div>
        <div className="console-filter">
          <label htmlFor="admin-accounts-from">{t('adminAccounts.filters.createdFrom')}</label>
          <input
            id="admin-accounts-from"
            type="date"
            value={draft.createdFrom}
            data-testid="admin-accounts-created-from"
            onChange={(event) => set('createdFrom', event.target.value)}
          />
        </div>
        <div className="console-filter">
          <label htmlFor="admin-accounts-to">{t('adminAccounts.filters.createdTo')}</label>
          <input
            id="admin-accounts-to"
            type="date"
            value={draft.createdTo}
            aria-invalid={rangeProblem ? true : undefined}
            aria-describedby={rangeProblem ? 'admin-accounts-range-problem' : undefined}
            data-testid="admin-accounts-created-to"
            onChange={(event) => set('createdTo', event.target.value)}
          />
        </div>
        {rangeProblem && (
          <p id="admin-accounts-range-problem" className="field-error console-filter-wide" role="alert">
            {t('adminAccounts.filters.reversed')}
          </p>
        )}
        <div className="console-filter-actions">
          <button type="submit" className="button button-primary" data-testid="admin-accounts-search-submit">
            {t('admin.accounts.search')}
          </button>
          <button
            type="button"
            className="button button-quiet"
            data-testid="admin-accounts-clear"
            onClick={() => onApply(NO_FILTERS)}
          >
            {t('adminAccounts.filters.clear')}
          </button>
        </div>
      </form>
    </search>
  );
}
