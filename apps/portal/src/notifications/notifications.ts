import { HUB_NOTIFICATION_CATEGORIES } from '@orbit/contracts';
import type { NotificationPreferencesView, NotificationView } from '../api/notifications';
import { localized } from '../launcher/localized';

/**
 * The bell's rules, as plain functions the top bar and the pages call and the tests check: how long ago an item
 * was ("3 min ago"), the day sections of the page, where an item's link leads, whose name a source is, and the
 * preferences' matrix of categories × channels.
 */

// ——— Time ———

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long ago, in the largest whole unit below a week. */
export type Ago = { unit: 'minute' | 'hour' | 'day'; value: number };

/** `now` under a minute ago, `long` a week ago or more (or an unreadable date), else how long ago. */
export function agoOf(iso: string, now: Date): Ago | 'now' | 'long' {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return 'long';
  // A clock slightly ahead of the reader's (the hub's) reads as "just now", never "in 2 minutes".
  const ms = Math.max(0, now.getTime() - then);
  if (ms < MINUTE) return 'now';
  if (ms < HOUR) return { unit: 'minute', value: Math.floor(ms / MINUTE) };
  if (ms < DAY) return { unit: 'hour', value: Math.floor(ms / HOUR) };
  if (ms < 7 * DAY) return { unit: 'day', value: Math.floor(ms / DAY) };
  return 'long';
}

const relativeFormatters = new Map<string, Intl.RelativeTimeFormat>();
const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * "just now", "5 minutes ago", "3 hours ago", "yesterday", "4 days ago" (刚刚, 5分钟前, 3小时前, 昨天, 4天前) in the
 * reader's language; older, the date ("Nov 23" this year, else "Nov 23, 2025").
 */
export function relativeTime(iso: string, now: Date, language: string): string {
  const ago = agoOf(iso, now);
  if (ago === 'long') {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    const sameYear = date.getFullYear() === now.getFullYear();
    const key = `${language}:${sameYear}`;
    let formatter = dateFormatters.get(key);
    if (!formatter) {
      formatter = new Intl.DateTimeFormat(
        language,
        sameYear ? { month: 'short', day: 'numeric' } : { dateStyle: 'medium' },
      );
      dateFormatters.set(key, formatter);
    }
    return formatter.format(date);
  }
  let formatter = relativeFormatters.get(language);
  if (!formatter) {
    formatter = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
    relativeFormatters.set(language, formatter);
  }
  if (ago === 'now') return formatter.format(0, 'second');
  return formatter.format(-ago.value, ago.unit);
}

/** The page's sections: today, yesterday and earlier, by the reader's own calendar. */
export type DaySection = 'today' | 'yesterday' | 'earlier';

export function daySectionOf(iso: string, now: Date): DaySection {
  const date = new Date(iso);
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const startOfYesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1).getTime();
  if (date.getTime() >= startOfToday) return 'today';
  if (date.getTime() >= startOfYesterday) return 'yesterday';
  return 'earlier';
}

/** Items (newest first, as the hub answers) in their day sections, in order, leaving out empty sections. */
export function byDay<T extends Pick<NotificationView, 'updatedAt'>>(
  items: readonly T[],
  now: Date,
): Array<{ section: DaySection; items: T[] }> {
  const sections: Array<{ section: DaySection; items: T[] }> = [];
  for (const item of items) {
    const section = daySectionOf(item.updatedAt, now);
    const last = sections.at(-1);
    if (last?.section === section) last.items.push(item);
    else sections.push({ section, items: [item] });
  }
  return sections;
}

/** The largest count the bell spells out; above it, "99+" (its label keeps the real number). */
export const UNREAD_SHOWN_MAX = 99;
export const unreadText = (count: number): string =>
  count > UNREAD_SHOWN_MAX ? `${UNREAD_SHOWN_MAX}+` : String(count);

// ——— Links and sources ———

/**
 * Where an item leads: a path of the hub (the portal navigates there without a reload), another origin's page
 * (opened in the same tab, as a link), or nowhere. The hub stores only hub paths and http(s) URLs; anything else
 * (`javascript:`…) is refused here too.
 */
export type NotificationLink = { kind: 'path'; to: string } | { kind: 'page'; href: string } | null;

export function linkOf(url: string | null, origin: string): NotificationLink {
  if (!url) return null;
  if (url.startsWith('/') && !url.startsWith('//')) return { kind: 'path', to: url };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  if (parsed.origin === origin)
    return { kind: 'path', to: `${parsed.pathname}${parsed.search}${parsed.hash}` };
  return { kind: 'page', href: parsed.href };
}

/** The hub's own source id: notices of the account itself (security, membership, friends). */
export const HUB_SOURCE = 'hub';

/**
 * The name of who sent an item: the platform's own name for the hub, a service's name in the reader's language
 * when the launcher knows it, else its id (a service since removed).
 */
export function sourceName(
  source: string,
  services: ReadonlyArray<{ id: string; name: string; names?: Readonly<Record<string, string>> }>,
  language: string,
  hubName: string,
): string {
  if (source === HUB_SOURCE) return hubName;
  const service = services.find((s) => s.id === source);
  return service ? localized(service.name, service.names, language) : source;
}

// ——— Preferences ———

/** The categories the preferences list even when the reader has not had one yet. */
export const ALWAYS_LISTED = ['social', 'membership'] as const;

export interface PreferenceRow {
  category: string;
  inApp: boolean;
  email: boolean;
  /** Always on (security, payment): shown checked and disabled. */
  critical: boolean;
}

/**
 * The rows of the preferences' matrix: the critical categories first (always on), then `social` and
 * `membership`, then every other category the reader has set before or seen in their notifications, by name.
 * A category without a setting is on in both channels, as the hub treats it.
 */
export function preferenceRows(
  preferences: Pick<NotificationPreferencesView, 'categories' | 'critical'>,
  seen: Iterable<string>,
): PreferenceRow[] {
  const critical = [...preferences.critical];
  const rest = new Set<string>([...Object.keys(preferences.categories), ...seen]);
  for (const c of [...critical, ...ALWAYS_LISTED]) rest.delete(c);
  const ordered = [...critical, ...ALWAYS_LISTED, ...[...rest].sort()];
  return ordered.map((category) => {
    const isCritical = critical.includes(category);
    const set = preferences.categories[category];
    return {
      category,
      inApp: isCritical || (set?.inApp ?? true),
      email: isCritical || (set?.email ?? true),
      critical: isCritical,
    };
  });
}

/** The categories to send: each non-critical row whose channels differ from what the hub has (absent: on). */
export function changedCategories(
  preferences: Pick<NotificationPreferencesView, 'categories'>,
  rows: readonly PreferenceRow[],
): Record<string, { inApp: boolean; email: boolean }> {
  const changed: Record<string, { inApp: boolean; email: boolean }> = {};
  for (const row of rows) {
    if (row.critical) continue;
    const set = preferences.categories[row.category];
    if ((set?.inApp ?? true) !== row.inApp || (set?.email ?? true) !== row.email) {
      changed[row.category] = { inApp: row.inApp, email: row.email };
    }
  }
  return changed;
}

/** A quiet-hours clock, `HH:MM` in 24 hours, as the hub takes it. */
export const isClock = (value: string): boolean => /^([01]\d|2[0-3]):[0-5]\d$/.test(value);

/** Whether the hub sends the category itself (it has its own label); a service's reads as written. */
export const isHubCategory = (category: string): category is HubCategory =>
  (HUB_NOTIFICATION_CATEGORIES as readonly string[]).includes(category);
export type HubCategory = (typeof HUB_NOTIFICATION_CATEGORIES)[number];
