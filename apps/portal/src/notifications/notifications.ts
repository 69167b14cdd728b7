import { HUB_NOTIFICATION_CATEGORIES } from '@orbit/contracts';
import type { NotificationPreferencesView, NotificationView } from '../api/notifications';
import { localized } from '../launcher/localized';

/**
 * The portal's own rules of the bell, as plain functions the top bar and the pages call and the tests check: the
 * day sections of the page, whose name a source is, and the preferences' matrix of categories × channels. How
 * long ago an item was, where its link leads and the count's text are the service shell's too (`@orbit/ui/notifications`).
 */

// ——— Days ———

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

// ——— Sources ———

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
