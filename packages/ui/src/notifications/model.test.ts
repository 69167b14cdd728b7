import { describe, expect, it } from 'vitest';
import { agoOf, linkOf, readUnread, relativeTime, unreadText } from './model';

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

describe('the unread count', () => {
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

describe('the live count', () => {
  it('reads the stream’s unread events and ignores anything else', () => {
    expect(readUnread('{"unread":3}')).toBe(3);
    expect(readUnread('{"unread":0}')).toBe(0);
    expect(readUnread('{"unread":-1}')).toBeNull();
    expect(readUnread('{"unread":"3"}')).toBeNull();
    expect(readUnread('ping')).toBeNull();
  });
});
