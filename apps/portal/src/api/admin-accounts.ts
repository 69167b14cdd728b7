import type { Language } from '@orbit/ui/i18n';
import { request } from './client';
import type { SecurityLogPage } from './types';

/**
 * Typed calls for the staff console's account management (`/api/admin/accounts`, docs/admin-console.md) and the
 * roles an account can be given. Every write may first be refused with `step_up_required` (the client confirms
 * with a passkey and sends it again) or `admin.passkey_required` (the staff account has no passkey yet).
 */

/** `active` or locked by staff (it can't sign in anywhere until unlocked). */
export type AccountStatus = 'active' | 'locked';

/** The status filter: `unverified` lists accounts whose email is not verified, locked or not. */
export type StatusFilter = AccountStatus | 'unverified';

/** An account as the console lists it (`GET /api/admin/accounts`). */
export interface AdminAccountSummary {
  id: string;
  accountNumber: string;
  handle: string;
  displayName: string;
  email: string | null;
  emailVerified: boolean;
  /** Hub roles (`admin`, `support`) and service roles (`news.editor`), sorted. */
  roles: string[];
  status: AccountStatus;
  lockedReason: string | null;
  membership: { tierId: string; tierName: string } | null;
  passkeyCount: number;
  createdAt: string;
  lastSignInAt: string | null;
}

/** One of the account's passkeys, as staff see it (never its key). */
export interface AdminPasskey {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** Who locked an account: the hub may answer the staff account's id alone or with its name. */
export type LockedBy =
  | string
  | { id?: string | null; accountId?: string | null; label?: string | null }
  | null;

/** An account's page in the console (`GET /api/admin/accounts/:id`). */
export interface AdminAccountDetail extends AdminAccountSummary {
  locale: Language;
  timeZone: string | null;
  bio: string;
  avatarUrl?: string | null;
  pendingEmail?: string | null;
  passkeys: AdminPasskey[];
  recoveryCodesLeft: number;
  /** How many sessions are signed in now. */
  sessions: number;
  lockedAt: string | null;
  lockedBy: LockedBy;
}

/** The list's filters, as the hub takes them; an empty string means "any". */
export interface AccountFilters {
  q: string;
  role: string;
  status: StatusFilter | '';
  /** A tier id, `any` (some active membership) or `none`. */
  membership: string;
  /** Dates (`YYYY-MM-DD`) in the reader's time zone, both ends included. */
  createdFrom: string;
  createdTo: string;
}

export interface AccountListPage {
  accounts: AdminAccountSummary[];
  /** Asks for the next page; null on the last one. */
  nextCursor: string | null;
  /** How many accounts match the filters, on every page. */
  total: number;
}

/** What staff may change of an account's profile; only the fields sent change. */
export interface AccountProfilePatch {
  displayName?: string;
  handle?: string;
  email?: string | null;
  bio?: string;
  locale?: Language;
  timeZone?: string;
}

/** A role staff can grant, for the picker (`GET /api/admin/roles`). */
export interface GrantableRole {
  /** `admin`, `support`, or a service's `<serviceId>.<name>`. */
  role: string;
  kind: 'hub' | 'service';
  serviceId: string | null;
  /** A service's own label, in its languages (hub roles are labelled by the portal). */
  label: string | Partial<Record<Language, string>> | null;
  /** A role its service no longer declares, still held by someone: shown, never granted again. */
  retired?: boolean;
  /** How many accounts hold it. */
  holders?: number;
}

/**
 * The hub's query for `filters`: only the filters set, dates turned into the instants they begin and end in the
 * reader's time zone (the reader means their own days).
 */
export function listQuery(filters: AccountFilters): URLSearchParams {
  const query = new URLSearchParams();
  if (filters.q.trim()) query.set('q', filters.q.trim());
  if (filters.role) query.set('role', filters.role);
  if (filters.status) query.set('status', filters.status);
  if (filters.membership) query.set('membership', filters.membership);
  const from = startOfDay(filters.createdFrom);
  if (from) query.set('createdFrom', from);
  const to = endOfDay(filters.createdTo);
  if (to) query.set('createdTo', to);
  return query;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A local `YYYY-MM-DD` as a Date at local midnight, or null when it isn't a real date. */
export function localDate(text: string): Date | null {
  const match = DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  return date;
}

/** The instant the local day `text` begins, as ISO 8601; null for anything that isn't a date. */
export function startOfDay(text: string): string | null {
  return localDate(text)?.toISOString() ?? null;
}

/** The instant the local day after `text` begins: the end of a range that includes that whole day. */
export function startOfNextDay(text: string): string | null {
  const date = localDate(text);
  if (!date) return null;
  date.setDate(date.getDate() + 1);
  return date.toISOString();
}

/** The last millisecond of the local day `text`, as ISO 8601, for a range whose end is included. */
export function endOfDay(text: string): string | null {
  const next = startOfNextDay(text);
  return next && new Date(Date.parse(next) - 1).toISOString();
}

/** The CSV export of every account matching `filters` (the hub answers it as a download). */
export function csvExportUrl(filters: AccountFilters): string {
  const query = listQuery(filters).toString();
  return query ? `/api/admin/accounts.csv?${query}` : '/api/admin/accounts.csv';
}

const accountPath = (id: string) => `/api/admin/accounts/${encodeURIComponent(id)}`;

/** One page of a log: `?before=&limit=`. */
function pageQuery(before: number | undefined, limit: number | undefined): string {
  const query = new URLSearchParams();
  if (before !== undefined) query.set('before', String(before));
  if (limit !== undefined) query.set('limit', String(limit));
  const text = query.toString();
  return text ? `?${text}` : '';
}

export const adminAccounts = {
  /** A page of the accounts matching `filters`, newest first. */
  list: (filters: AccountFilters, cursor: string | null, limit: number) => {
    const query = listQuery(filters);
    if (cursor) query.set('cursor', cursor);
    query.set('limit', String(limit));
    return request<AccountListPage>('GET', `/api/admin/accounts?${query}`);
  },

  get: async (id: string) => (await request<{ account: AdminAccountDetail }>('GET', accountPath(id))).account,

  /** The account's security log, newest first (what it and staff did to it, in the owner's words). */
  securityLog: (id: string, before?: number, limit?: number) =>
    request<SecurityLogPage>('GET', `${accountPath(id)}/security-log${pageQuery(before, limit)}`),

  /** The roles staff can grant: the hub's and those every registered service declares. */
  grantableRoles: async () => (await request<{ roles: GrantableRole[] }>('GET', '/api/admin/roles')).roles,

  grantRole: (id: string, role: string) =>
    request<unknown>('POST', `${accountPath(id)}/roles`, { json: { role } }),

  /** `409 role.last_admin` when it would leave the hub without an administrator. */
  revokeRole: (id: string, role: string) =>
    request<unknown>('DELETE', `${accountPath(id)}/roles/${encodeURIComponent(role)}`),

  /** Signs the account out everywhere and refuses every sign-in until it is unlocked. */
  lock: (id: string, reason: string) =>
    request<unknown>('POST', `${accountPath(id)}/lock`, { json: { reason } }),

  /** Lifts staff's lock and the sign-in throttle's lockouts. */
  unlock: (id: string, reason: string) =>
    request<unknown>('POST', `${accountPath(id)}/unlock`, { json: { reason } }),

  revokeAllSessions: (id: string) => request<unknown>('POST', `${accountPath(id)}/sessions/revoke-all`),

  /** Mails the account's verified address a password-reset link (`409 account.no_verified_email` without one). */
  sendPasswordReset: (id: string) => request<unknown>('POST', `${accountPath(id)}/password-reset`),

  resendVerification: (id: string) => request<unknown>('POST', `${accountPath(id)}/resend-verification`),

  removePasskey: (id: string, passkeyId: string) =>
    request<unknown>('DELETE', `${accountPath(id)}/passkeys/${encodeURIComponent(passkeyId)}`),

  /** The old recovery codes stop working; the new ones are not shown to staff (the owner makes new ones). */
  resetRecoveryCodes: (id: string) => request<unknown>('POST', `${accountPath(id)}/recovery-codes/reset`),

  updateProfile: (id: string, patch: AccountProfilePatch) =>
    request<unknown>('PATCH', accountPath(id), { json: patch }),

  /** Deletes the account as its owner's own deletion would: sessions ended, paid memberships cancelled. */
  remove: (id: string, reason: string) => request<unknown>('DELETE', accountPath(id), { json: { reason } }),
};
