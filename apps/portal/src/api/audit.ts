import { request } from './client';

/**
 * The hub's audit log of staff actions (`GET /api/admin/audit`, docs/roles-and-audit.md): who did what, to
 * whom, when and from where. Read with the `audit:read` permission (admins and support).
 */

/** How the action reached the hub: the console, the hub's CLI, or the hub itself (a job). */
export type AuditVia = 'console' | 'cli' | 'system';

export interface AuditEntry {
  id: number;
  at: string;
  actor: { accountId: string | null; label: string; via: AuditVia };
  /** Dotted: `account.locked`, `role.granted`, `client.secret_rotated`, … */
  action: string;
  target: { type: string; id: string; label: string | null } | null;
  /** What the action changed (never a secret), by action. */
  details: Record<string, unknown> | null;
  ip: string | null;
  userAgent: string | null;
}

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

export interface AuditPage {
  entries: AuditEntry[];
  /** Asks for the next (older) page; null on the last one. */
  nextBefore: number | null;
}

export const audit = {
  /** A page of the entries matching `query` (built by `auditQuery`), newest first. */
  search: (query: URLSearchParams, before: number | null, limit: number) => {
    const params = new URLSearchParams(query);
    if (before !== null) params.set('before', String(before));
    params.set('limit', String(limit));
    return request<AuditPage>('GET', `/api/admin/audit?${params}`);
  },
};
