import {
  type AdminProfilePatch as AccountProfilePatch,
  type AccountStatusFilter,
  adminAccountsApi,
  adminRolesApi,
  adminServicesApi,
  securityLogApi,
} from '@orbit/contracts';
import { hub } from './client';

/**
 * Typed calls for the staff console's account management (`/api/admin/accounts`, docs/admin-console.md) and the
 * roles an account can be given. Every write may first be refused with `step_up_required` (the client confirms
 * with a passkey and sends it again) or `admin.passkey_required` (the staff account has no passkey yet).
 */

export type {
  AccountStatus,
  AdminAccountDetail,
  AdminAccountPage as AccountListPage,
  AdminAccountSummary,
  AdminPasskey,
  AdminProfilePatch as AccountProfilePatch,
  RoleCatalogEntry as GrantableRole,
} from '@orbit/contracts';

/** The status filter: `unverified` lists accounts whose email is not verified, locked or not. */
export type StatusFilter = AccountStatusFilter;

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

/** The hub's query for `filters`, as the typed client takes it. */
const listFilters = (filters: AccountFilters) => Object.fromEntries(listQuery(filters));

/** The CSV export of every account matching `filters` (the hub answers it as a download). */
export function csvExportUrl(filters: AccountFilters): string {
  return hub.url(api.exportCsv, { query: listFilters(filters) });
}

const api = adminAccountsApi;
const account = (id: string) => ({ params: { id } });

export const adminAccounts = {
  /** A page of the accounts matching `filters`, newest first. */
  list: (filters: AccountFilters, cursor: string | null, limit: number) =>
    hub.call(api.list, { query: { ...listFilters(filters), ...(cursor ? { cursor } : {}), limit } }),

  get: async (id: string) => (await hub.call(api.get, account(id))).account,

  /** The account's security log, newest first (what it and staff did to it, in the owner's words). */
  securityLog: (id: string, before?: number, limit?: number) =>
    hub.call(securityLogApi.account, { ...account(id), query: { before, limit } }),

  /** The roles staff can grant: the hub's and those every registered service declares. */
  grantableRoles: async () => (await hub.call(adminServicesApi.roles)).roles,

  grantRole: (id: string, role: string) => hub.call(adminRolesApi.grant, { ...account(id), body: { role } }),

  /** `409 role.last_admin` when it would leave the hub without an administrator. */
  revokeRole: (id: string, role: string) => hub.call(adminRolesApi.revoke, { params: { id, role } }),

  /** Signs the account out everywhere and refuses every sign-in until it is unlocked. */
  lock: (id: string, reason: string) => hub.call(api.lock, { ...account(id), body: { reason } }),

  /** Lifts staff's lock and the sign-in throttle's lockouts. */
  unlock: (id: string, reason: string) => hub.call(api.unlock, { ...account(id), body: { reason } }),

  revokeAllSessions: (id: string) => hub.call(api.revokeAllSessions, account(id)),

  /** Mails the account's verified address a password-reset link (`409 account.no_verified_email` without one). */
  sendPasswordReset: (id: string) => hub.call(api.sendPasswordReset, account(id)),

  resendVerification: (id: string) => hub.call(api.resendVerification, account(id)),

  removePasskey: (id: string, passkeyId: string) =>
    hub.call(api.removePasskey, { params: { id, passkeyId } }),

  /** The old recovery codes stop working; the new ones are not shown to staff (the owner makes new ones). */
  resetRecoveryCodes: (id: string) => hub.call(api.resetRecoveryCodes, account(id)),

  updateProfile: (id: string, patch: AccountProfilePatch) =>
    hub.call(api.updateProfile, { ...account(id), body: patch }),

  /** Deletes the account as its owner's own deletion would: sessions ended, paid memberships cancelled. */
  remove: (id: string, reason: string) => hub.call(api.remove, { ...account(id), body: { reason } }),
};
