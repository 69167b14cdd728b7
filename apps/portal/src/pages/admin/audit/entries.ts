import { localDate, startOfDay, startOfNextDay } from '../../../api/admin-accounts';
import { type AuditEntry, type AuditFilters, audit } from '../../../api/audit';
import type { Permission } from '../../../api/types';

/**
 * The audit log page's pure parts: its filters in the address (`/admin/audit?actor=@ana&action=account.*`), the
 * hub's query for them, where an entry's target is in the console, and a short name for the browser it came from.
 */

export const NO_AUDIT_FILTERS: AuditFilters = { q: '', actor: '', action: '', target: '', from: '', to: '' };

const KEYS = ['q', 'actor', 'action', 'target', 'from', 'to'] as const;
const TEXT_MAX = 200;
/** `role.granted`, or a prefix `account.*`. */
const ACTION = /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*(\.\*)?$/;

/** The filters the address asks for; anything unusable is left out. */
export function auditFiltersFromSearch(params: URLSearchParams): AuditFilters {
  const read = (key: string) => (params.get(key) ?? '').trim().slice(0, TEXT_MAX);
  const action = read('action');
  const from = read('from');
  const to = read('to');
  return {
    q: read('q'),
    actor: read('actor'),
    action: ACTION.test(action) ? action : '',
    target: read('target'),
    from: localDate(from) ? from : '',
    to: localDate(to) ? to : '',
  };
}

/** The page's address for `filters` and the page (`before`): only what is set, in a fixed order. */
export function searchOfAuditFilters(filters: AuditFilters, before: number | null = null): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = filters[key].trim();
    if (value) params.set(key, value);
  }
  if (before !== null) params.set('before', String(before));
  return params;
}

/** The page (`before`) the address names, or null for the newest entries. */
export function beforeFromSearch(params: URLSearchParams): number | null {
  const text = params.get('before') ?? '';
  return /^[1-9]\d{0,15}$/.test(text) ? Number(text) : null;
}

/**
 * The hub's query for `filters`: dates become the instants the reader's days begin, the end exclusive (the day
 * after "to"), so "to" includes that whole day.
 */
export function auditQuery(filters: AuditFilters): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of ['q', 'actor', 'action', 'target'] as const) {
    const value = filters[key].trim();
    if (value) query.set(key, value);
  }
  const from = startOfDay(filters.from);
  if (from) query.set('from', from);
  const to = startOfNextDay(filters.to);
  if (to) query.set('to', to);
  return query;
}

/** Searches the audit log with the page's filters. */
export const searchAudit = (filters: AuditFilters, before: number | null, limit: number) =>
  audit.search(auditQuery(filters), before, limit);

/** Each kind of target's console page, and the permission that opens it. */
const TARGET_PAGES: Readonly<Record<string, { path: (id: string) => string; permission: Permission }>> = {
  account: { path: (id) => `/admin/accounts/${id}`, permission: 'accounts:read' },
  service: { path: () => '/admin/services', permission: 'services:write' },
  client: { path: (id) => `/admin/clients/${id}`, permission: 'clients:write' },
  tier: { path: (id) => `/admin/tiers/${id}`, permission: 'tiers:write' },
};

/**
 * The console page of an entry's target (an account, a service, a client, a tier), when the console has one and
 * the reader's `permissions` open it: support sees accounts linked, not the services or clients admins changed.
 */
export function targetPath(target: AuditEntry['target'], permissions: readonly Permission[]): string | null {
  if (!target) return null;
  const page = Object.hasOwn(TARGET_PAGES, target.type) ? TARGET_PAGES[target.type] : undefined;
  if (!page || !permissions.includes(page.permission)) return null;
  return page.path(encodeURIComponent(target.id));
}

/** The audit page listing what staff did to an account (its "actions on this account" link). */
export const auditPathFor = (targetId: string): string =>
  `/admin/audit?${searchOfAuditFilters({ ...NO_AUDIT_FILTERS, target: targetId })}`;

const BROWSERS: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(Firefox|FxiOS)\//, 'Firefox'],
  // Headless Chromium says `HeadlessChrome/…`.
  [/(\b|Headless)(Chrome|Chromium|CriOS)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
  [/\bcurl\//, 'curl'],
];

const SYSTEMS: [RegExp, string][] = [
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

/**
 * The browser and system a User-Agent names ("Chrome", "Linux"), to say "Chrome on Linux" in the reader's
 * language; null when it names neither (the CLI, a script): the console then shows the string itself.
 */
export function browserOf(
  userAgent: string | null,
): { browser: string | null; system: string | null } | null {
  if (!userAgent) return null;
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;
  return browser || system ? { browser, system } : null;
}

/** An entry's details as rows to show: scalar values as text, anything nested as JSON. Empty without details. */
export function detailRows(details: AuditEntry['details'] | null): { key: string; value: string }[] {
  if (!details) return [];
  return Object.entries(details).map(([key, value]) => ({
    key,
    value:
      value === null || value === undefined
        ? '—'
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value),
  }));
}

/** What a group of audit actions acts on. */
export type AuditGroupKind = 'account' | 'role' | 'client' | 'service' | 'tier' | 'membership';

/** The actions the filter offers, by what they act on; "all of" a group is its prefix (`account.*`). */
export const AUDIT_ACTION_GROUPS: readonly {
  kind: AuditGroupKind;
  prefix: string;
  actions: readonly string[];
}[] = [
  {
    kind: 'account',
    prefix: 'account.*',
    actions: [
      'account.locked',
      'account.unlocked',
      'account.sessions_revoked',
      'account.password_reset_sent',
      'account.verification_resent',
      'account.passkey_removed',
      'account.recovery_codes_reset',
      'account.updated',
      'account.deleted',
    ],
  },
  { kind: 'role', prefix: 'role.*', actions: ['role.granted', 'role.revoked'] },
  {
    kind: 'client',
    prefix: 'client.*',
    actions: [
      'client.created',
      'client.updated',
      'client.disabled',
      'client.enabled',
      'client.secret_rotated',
      'client.deleted',
    ],
  },
  {
    kind: 'service',
    prefix: 'service.*',
    actions: ['service.registered', 'service.disabled', 'service.enabled', 'service.secret_rotated'],
  },
  {
    kind: 'tier',
    prefix: 'tier.*',
    actions: ['tier.created', 'tier.updated', 'tier.prices_set', 'tier.retired'],
  },
  {
    kind: 'membership',
    prefix: 'membership.*',
    actions: ['membership.granted', 'membership.revoked', 'membership.growth_adjusted'],
  },
];
