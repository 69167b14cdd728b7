import { describe, expect, it } from 'vitest';
import type { NotificationPreferencesView } from '../api/notifications';
import {
  agoOf,
  byDay,
  changedCategories,
  daySectionOf,
  isClock,
  isHubCategory,
  linkOf,
  preferenceRows,
  relativeTime,
  sourceName,
  unreadText,
} from './notifications';
import { readUnread } from './unread-store';

/** A moment `ms` before `now`, as the hub writes it. */
const before = (now: Date, ms: number) => new Date(now.getTime() - ms).toISOString();
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('how long ago', () => {
  const now = new Date(2026, 11, 7, 15, 30); // 7 Dec 2026, 15:30 local time

  it('reads in the largest whole unit under a week, "now" under a minute and "long" past a week', () => {
    expect(agoOf(before(now, 59_000), now)).toBe('now');
    expect(agoOf(before(now, MIN), now)).toEqual({ unit: 'minute', value: 1 });
    expect(agoOf(before(now, 59 * MIN + 59_000), now)).toEqual({ unit: 'minute', value: 59 });
    expect(agoOf(before(now, 3 * HOUR + 10 * MIN), now)).toEqual({ unit: 'hour', value: 3 });
    expect(agoOf(before(now, DAY), now)).toEqual({ unit: 'day', value: 1 });
    expect(agoOf(before(now, 6 * DAY + 23 * HOUR), now)).toEqual({ unit: 'day', value: 6 });
    expect(agoOf(before(now, 7 * DAY), now)).toBe('long');
    expect(agoOf('not a date', now)).toBe('long');
  });

  it('reads a time a little ahead of the reader’s clock as just now', () => {
    expect(agoOf(before(now, -30_000), now)).toBe('now');
  });

  it('says it in the reader’s language, and gives the date past a week', () => {
    expect(relativeTime(before(now, 10_000), now, 'en')).toBe('now');
    expect(relativeTime(before(now, 5 * MIN), now, 'en')).toBe('5 minutes ago');
    expect(relativeTime(before(now, 1 * HOUR), now, 'en')).toBe('1 hour ago');
    expect(relativeTime(before(now, DAY), now, 'en')).toBe('yesterday');
    expect(relativeTime(before(now, 4 * DAY), now, 'en')).toBe('4 days ago');
    expect(relativeTime(before(now, 5 * MIN), now, 'zh-CN')).toBe('5分钟前');
    expect(relativeTime(before(now, DAY), now, 'zh-CN')).toBe('昨天');
    expect(relativeTime(new Date(2026, 10, 23, 9).toISOString(), now, 'en')).toBe('Nov 23');
    expect(relativeTime(new Date(2025, 10, 23, 9).toISOString(), now, 'en')).toBe('Nov 23, 2025');
    expect(relativeTime(new Date(2026, 10, 23, 9).toISOString(), now, 'zh-CN')).toBe('11月23日');
  });
});

describe('the page’s day sections', () => {
  const now = new Date(2026, 11, 7, 0, 30); // just after midnight: an hour ago was yesterday

  it('puts items in today, yesterday or earlier by the reader’s calendar, not by 24-hour spans', () => {
    expect(daySectionOf(new Date(2026, 11, 7, 0, 0).toISOString(), now)).toBe('today');
    expect(daySectionOf(new Date(2026, 11, 6, 23, 59).toISOString(), now)).toBe('yesterday');
    expect(daySectionOf(new Date(2026, 11, 6, 0, 0).toISOString(), now)).toBe('yesterday');
    expect(daySectionOf(new Date(2026, 11, 5, 23, 59).toISOString(), now)).toBe('earlier');
  });

  it('keeps the hub’s order and leaves out empty sections', () => {
    const at = (d: number, h: number) => ({
      id: `${d}-${h}`,
      updatedAt: new Date(2026, 11, d, h).toISOString(),
    });
    const sections = byDay([at(7, 0), at(5, 12), at(4, 9)], now);
    expect(sections.map((s) => [s.section, s.items.map((i) => i.id)])).toEqual([
      ['today', ['7-0']],
      ['earlier', ['5-12', '4-9']],
    ]);
    expect(byDay([], now)).toEqual([]);
  });

  it('spells out the count up to 99', () => {
    expect(unreadText(0)).toBe('0');
    expect(unreadText(99)).toBe('99');
    expect(unreadText(100)).toBe('99+');
  });
});

describe('where an item leads', () => {
  const origin = 'https://orbit.example';

  it('navigates inside the portal for a hub path or the hub’s own origin', () => {
    expect(linkOf('/friends/requests', origin)).toEqual({ kind: 'path', to: '/friends/requests' });
    expect(linkOf('https://orbit.example/u/10001?x=1#top', origin)).toEqual({
      kind: 'path',
      to: '/u/10001?x=1#top',
    });
  });

  it('opens another origin’s page, and refuses what is not http(s) or a path', () => {
    expect(linkOf('https://space.example/p/1', origin)).toEqual({
      kind: 'page',
      href: 'https://space.example/p/1',
    });
    expect(linkOf('http://localhost:4101/inbox', origin)).toEqual({
      kind: 'page',
      href: 'http://localhost:4101/inbox',
    });
    expect(linkOf('//evil.example/x', origin)).toBeNull();
    expect(linkOf('javascript:alert(1)', origin)).toBeNull();
    expect(linkOf('not a url', origin)).toBeNull();
    expect(linkOf(null, origin)).toBeNull();
  });
});

describe('who sent it', () => {
  const services: Array<{ id: string; name: string; names: Record<string, string> }> = [
    { id: 'space', name: 'Space', names: { 'zh-CN': '空间' } },
    { id: 'mail', name: 'Mail', names: { zh: '邮箱' } },
  ];

  it('names the hub by the platform, a service in the reader’s language, and an unknown one by its id', () => {
    expect(sourceName('hub', services, 'en', 'Orbit')).toBe('Orbit');
    expect(sourceName('space', services, 'en', 'Orbit')).toBe('Space');
    expect(sourceName('space', services, 'zh-CN', 'Orbit')).toBe('空间');
    expect(sourceName('mail', services, 'zh-CN', 'Orbit')).toBe('邮箱');
    expect(sourceName('games', services, 'en', 'Orbit')).toBe('games');
  });
});

describe('the preferences’ matrix', () => {
  const preferences = (
    categories: NotificationPreferencesView['categories'],
  ): Pick<NotificationPreferencesView, 'categories' | 'critical'> => ({
    categories,
    critical: ['security', 'payment'],
  });

  it('lists the critical categories (always on), then social and membership, then the rest by name', () => {
    const rows = preferenceRows(
      preferences({ 'space.likes': { inApp: true, email: false }, security: { inApp: false, email: false } }),
      ['space.comments', 'social', 'games.challenge', 'space.likes'],
    );
    expect(rows.map((r) => r.category)).toEqual([
      'security',
      'payment',
      'social',
      'membership',
      'games.challenge',
      'space.comments',
      'space.likes',
    ]);
    // A critical category is on whatever is stored; an unset one is on in both channels.
    expect(rows[0]).toEqual({ category: 'security', inApp: true, email: true, critical: true });
    expect(rows[2]).toEqual({ category: 'social', inApp: true, email: true, critical: false });
    expect(rows[6]).toEqual({ category: 'space.likes', inApp: true, email: false, critical: false });
  });

  it('sends only the rows that changed, never a critical one', () => {
    const saved = preferences({ 'space.likes': { inApp: true, email: false } });
    const rows = preferenceRows(saved, ['space.likes']).map((r) =>
      r.category === 'social'
        ? { ...r, email: false }
        : r.category === 'security'
          ? { ...r, email: false }
          : r,
    );
    expect(changedCategories(saved, rows)).toEqual({ social: { inApp: true, email: false } });
    expect(changedCategories(saved, preferenceRows(saved, []))).toEqual({});
    const back = preferenceRows(saved, []).map((r) =>
      r.category === 'space.likes' ? { ...r, email: true } : r,
    );
    expect(changedCategories(saved, back)).toEqual({ 'space.likes': { inApp: true, email: true } });
  });

  it('knows the hub’s categories and the quiet hours’ clock', () => {
    expect(isHubCategory('membership')).toBe(true);
    expect(isHubCategory('space.likes')).toBe(false);
    expect(isClock('07:05')).toBe(true);
    expect(isClock('23:59')).toBe(true);
    expect(isClock('24:00')).toBe(false);
    expect(isClock('7:05')).toBe(false);
    expect(isClock('')).toBe(false);
  });
});

describe('the live count', () => {
  it('reads the stream’s unread events and ignores anything else', () => {
    expect(readUnread('{"unread":3}')).toBe(3);
    expect(readUnread('{"unread":0}')).toBe(0);
    expect(readUnread('{"unread":-1}')).toBeNull();
    expect(readUnread('{"unread":"3"}')).toBeNull();
    expect(readUnread('ping')).toBeNull();
  });
});
