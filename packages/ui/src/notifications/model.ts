/**
 * A notification as every Orbit page shows it — the portal's bell and page, and the service shell's bell on each
 * service's own origin: how long ago it was ("3 min ago"), where its link leads, the unread count's text, and the
 * count a live stream's `unread` event carries. Plain functions; the shape is the hub's `Notification`
 * (`@orbit/contracts`), typed here by structure so `@orbit/ui` depends on no server package.
 */

/** What a notification line shows of an item. */
export interface NotificationItem {
  id: string;
  /** Written for the reader's language by the hub. */
  text: string;
  /** The latest actors, newest first (at most 3). */
  actors: ReadonlyArray<{ id: string; displayName: string; picture: string | null }>;
  read: boolean;
  url: string | null;
  /** When the group last grew (ISO 8601). */
  updatedAt: string;
}

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

/** The largest count the bell spells out; above it, "99+" (its label keeps the real number). */
export const UNREAD_SHOWN_MAX = 99;
export const unreadText = (count: number): string =>
  count > UNREAD_SHOWN_MAX ? `${UNREAD_SHOWN_MAX}+` : String(count);

// ——— Links ———

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

// ——— The live count ———

/** The count an `unread` event carries (`{"unread": n}`); null for anything else. */
export function readUnread(data: string): number | null {
  try {
    const value = (JSON.parse(data) as { unread?: unknown }).unread;
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
  } catch {
    return null;
  }
}
