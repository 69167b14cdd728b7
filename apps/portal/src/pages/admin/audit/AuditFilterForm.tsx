import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditFilters } from '../../../api/audit';
import { useActionText } from './AuditEntryList';
import { AUDIT_ACTION_GROUPS, NO_AUDIT_FILTERS } from './entries';

/**
 * The audit log's search: words, who acted, which action (one, or every action on a kind of thing), and a date
 * range. Applied with the button; the address keeps it. A target filter (from an account's "actions on this
 * account") shows as a removable note.
 */
export function AuditFilterForm({
  filters,
  onApply,
}: {
  filters: AuditFilters;
  onApply: (filters: AuditFilters) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(filters);
  const actionText = useActionText();
  const reversed = draft.from && draft.to && draft.from > draft.to;

  useEffect(() => setDraft(filters), [filters]);

  const set = <K extends keyof AuditFilters>(key: K, value: AuditFilters[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!reversed) onApply({ ...draft, q: draft.q.trim(), actor: draft.actor.trim() });
  };

  const knownAction = AUDIT_ACTION_GROUPS.some(
    (group) => group.prefix === draft.action || group.actions.includes(draft.action),
  );

  return (
    <search>
      <form className="card console-filters" onSubmit={submit} data-testid="audit-filters">
        <div className="console-filter console-filter-wide">
          <label htmlFor="audit-q">{t('adminAccounts.audit.filters.q')}</label>
          <input
            id="audit-q"
            type="search"
            value={draft.q}
            maxLength={200}
            placeholder={t('adminAccounts.audit.filters.qPlaceholder')}
            autoComplete="off"
            spellCheck={false}
            data-testid="audit-search"
            onChange={(event) => set('q', event.target.value)}
          />
        </div>
        <div className="console-filter">
          <label htmlFor="audit-actor">{t('adminAccounts.audit.filters.actor')}</label>
          <input
            id="audit-actor"
            value={draft.actor}
            maxLength={200}
            placeholder={t('adminAccounts.audit.filters.actorPlaceholder')}
            autoComplete="off"
            spellCheck={false}
            data-testid="audit-actor"
            onChange={(event) => set('actor', event.target.value)}
          />
        </div>
        <div className="console-filter">
          <label htmlFor="audit-action">{t('adminAccounts.audit.filters.action')}</label>
          <select
            id="audit-action"
            value={draft.action}
            data-testid="audit-action"
            onChange={(event) => set('action', event.target.value)}
          >
            <option value="">{t('adminAccounts.audit.filters.anyAction')}</option>
            {AUDIT_ACTION_GROUPS.map((group) => (
              <optgroup key={group.prefix} label={t(`adminAccounts.audit.groups.${group.kind}`)}>
                <option value={group.prefix}>
                  {t('adminAccounts.audit.filters.allOf', {
                    group: t(`adminAccounts.audit.groups.${group.kind}`),
                  })}
                </option>
                {group.actions.map((action) => (
                  <option key={action} value={action}>
                    {actionText(action)}
                  </option>
                ))}
              </optgroup>
            ))}
            {draft.action && !knownAction && <option value={draft.action}>{draft.action}</option>}
          </select>
        </div>
        <div className="console-filter">
          <label htmlFor="audit-from">{t('adminAccounts.audit.filters.from')}</label>
          <input
            id="audit-from"
            type="date"
            value={draft.from}
            data-testid="audit-from"
            onChange={(event) => set('from', event.target.value)}
          />
        </div>
        <div className="console-filter">
          <label htmlFor="audit-to">{t('adminAccounts.audit.filters.to')}</label>
          <input
            id="audit-to"
            type="date"
            value={draft.to}
            aria-invalid={reversed ? true : undefined}
            data-testid="audit-to"
            onChange={(event) => set('to', event.target.value)}
          />
        </div>
        {reversed && (
          <p className="field-error console-filter-wide" role="alert">
            {t('adminAccounts.filters.reversed')}
          </p>
        )}
        {filters.target && (
          <p className="console-filter-wide console-target-filter" data-testid="audit-target-filter">
            {t('adminAccounts.audit.filters.onlyTarget', { target: filters.target })}{' '}
            <button
              type="button"
              className="link-button"
              data-testid="audit-target-clear"
              onClick={() => onApply({ ...draft, target: '' })}
            >
              {t('adminAccounts.audit.filters.allTargets')}
            </button>
          </p>
        )}
        <div className="console-filter-actions">
          <button type="submit" className="button button-primary" data-testid="audit-search-submit">
            {t('admin.accounts.search')}
          </button>
          <button
            type="button"
            className="button button-quiet"
            data-testid="audit-clear"
            onClick={() => onApply(NO_AUDIT_FILTERS)}
          >
            {t('adminAccounts.filters.clear')}
          </button>
        </div>
      </form>
    </search>
  );
}
