import { describe, expect, it } from 'vitest';
import type { NotificationPreferencesView } from '../api/notifications';
import {
  byDay,
  changedCategories,
  daySectionOf,
  isClock,
  isHubCategory,
  preferenceRows,
  sourceName,
} from './notifications';

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
