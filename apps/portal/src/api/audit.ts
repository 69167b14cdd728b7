import { adminAuditApi } from '@orbit/contracts';
import { hub } from './client';

/**
 * The hub's audit log of staff actions (`GET /api/admin/audit`, docs/roles-and-audit.md): who did what, to
 * whom, when and from where. Read with the `audit:read` permission (admins and support).
 */

export type { AuditEntryView as AuditEntry, AuditPage, AuditVia } from '@orbit/contracts';

/** The search, as the hub takes it; an empty string means "any". */
export interface AuditFilters {
  /** Words in the action, the actor's name or the target's name or id. */
  q: string;
  /** The acting account's id, or its label (`@handle`, an OS user for the CLI, `system`). */
  actor: string;
  /** An action name (`role.granted`), or every action under a prefix (`account.*`). */
  action: string;
  /** The target's id (an account, a service, a client…). */
  target: string;
  /** Dates (`YYYY-MM-DD`) in the reader's time zone, both ends included. */
  from: string;
  to: string;
}

export const audit = {
  /** A page of the entries matching `query` (built by `auditQuery`), newest first. */
  search: (query: URLSearchParams, before: number | null, limit: number) =>
    hub.call(adminAuditApi.search, {
      query: { ...Object.fromEntries(query), ...(before !== null ? { before } : {}), limit },
    }),
};
