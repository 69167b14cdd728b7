import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AuditEntry } from '../../../api/audit';
import { formatDateTime } from '../../../i18n/dates';
import { useSession } from '../../../session/context';
import { useRoleLabel } from '../accounts/RoleChips';
import { roleChips } from '../accounts/roles';
import { browserOf, detailRows, targetPath } from './entries';

/** An action in words ("Locked the account"); an action the portal doesn't know yet keeps its name. */
export function useActionText() {
  return useKnownText('adminAccounts.audit.actions');
}

/** The translation under `prefix` of a name the hub sends (an action, a target type), else the name itself. */
function useKnownText(prefix: string) {
  const { t, i18n } = useTranslation();
  return (name: string) => {
    const key = `${prefix}.${name}`;
    const text = i18n.exists(key) ? (t as unknown as (k: string) => unknown)(key) : null;
    return typeof text === 'string' ? text : name;
  };
}

/**
 * The detail that says most about an entry, under its action: the role granted or removed, the reason given
 * for a lock, an unlock or a deletion. Everything else is in its expandable details.
 */
function Gist({ entry }: { entry: AuditEntry }) {
  const { t, i18n } = useTranslation();
  const roleLabel = useRoleLabel();
  const { role, reason } = entry.details ?? {};
  if (typeof role === 'string' && entry.action.startsWith('role.')) {
    const [chip] = roleChips([role], [], i18n.resolvedLanguage ?? 'en');
    return (
      <span className="console-muted" data-testid="audit-entry-role">
        {t('adminAccounts.audit.role', { role: chip ? roleLabel(chip) : role })}
      </span>
    );
  }
  if (typeof reason === 'string' && reason) {
    return (
      <q className="console-muted" data-testid="audit-entry-reason">
        {reason}
      </q>
    );
  }
  return null;
}

/** Where an entry came from: its address and browser ("Chrome on Linux"), the whole User-Agent on hover. */
function Origin({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const named = browserOf(entry.userAgent);
  const browser = named
    ? named.browser && named.system
      ? t('adminAccounts.audit.browserOn', { browser: named.browser, system: named.system })
      : (named.browser ?? named.system)
    : entry.userAgent || null;
  return (
    <span className="console-origin" title={entry.userAgent ?? undefined}>
      <span>{entry.ip ?? t('securityLog.unknownIp')}</span>
      {browser && <span className="console-muted">{browser}</span>}
    </span>
  );
}

/**
 * Audit entries, newest first, as a table: when, who (and through what: console, CLI, the hub), what, to whom
 * (linked to its console page), from where; each entry's details open below it.
 */
export function AuditEntryList({ entries }: { entries: readonly AuditEntry[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const actionText = useActionText();
  const typeText = useKnownText('adminAccounts.audit.targets');
  const { permissions, can } = useSession();
  return (
    <div className="card console-table-card">
      <table className="console-table" data-testid="audit-entries">
        <thead>
          <tr>
            <th scope="col">{t('adminAccounts.audit.when')}</th>
            <th scope="col">{t('adminAccounts.audit.who')}</th>
            <th scope="col">{t('adminAccounts.audit.what')}</th>
            <th scope="col">{t('adminAccounts.audit.toWhom')}</th>
            <th scope="col">{t('adminAccounts.audit.fromWhere')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const path = targetPath(entry.target, permissions);
            const details = detailRows(entry.details);
            return (
              <tr
                key={entry.id}
                data-testid="audit-entry"
                data-action={entry.action}
                data-entry-id={entry.id}
              >
                <td>
                  <time dateTime={entry.at}>{formatDateTime(entry.at, language)}</time>
                </td>
                <td>
                  {entry.actor.accountId && can('accounts:read') ? (
                    <Link to={`/admin/accounts/${encodeURIComponent(entry.actor.accountId)}`}>
                      {entry.actor.label}
                    </Link>
                  ) : (
                    <span>{entry.actor.label}</span>
                  )}
                  <span className="badge badge-muted console-via">
                    {t(`adminAccounts.audit.via.${entry.actor.via}`)}
                  </span>
                </td>
                <td>
                  <span data-testid="audit-entry-action">{actionText(entry.action)}</span>
                  <Gist entry={entry} />
                  {details.length > 0 && (
                    <details className="console-details">
                      <summary>{t('adminAccounts.audit.details')}</summary>
                      <dl>
                        {details.map((row) => (
                          <div key={row.key}>
                            <dt>{row.key}</dt>
                            <dd>{row.value}</dd>
                          </div>
                        ))}
                      </dl>
                    </details>
                  )}
                </td>
                <td>
                  {entry.target ? (
                    path ? (
                      <Link to={path} data-testid="audit-entry-target">
                        {entry.target.label ?? entry.target.id}
                      </Link>
                    ) : (
                      <span data-testid="audit-entry-target">{entry.target.label ?? entry.target.id}</span>
                    )
                  ) : (
                    <span className="admin-none">—</span>
                  )}
                  {entry.target && <span className="console-muted">{typeText(entry.target.type)}</span>}
                </td>
                <td>
                  <Origin entry={entry} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
