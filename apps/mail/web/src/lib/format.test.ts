import { describe, expect, it } from 'vitest';
import { formatBytes, formatFullDate, formatListDate, usedPercent } from './format';

describe('formatBytes', () => {
  it('shows small sizes in bytes', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1)).toBe('1 B');
    expect(formatBytes(1023)).toBe('1023 B');
  });

  it('uses one decimal below 10 and whole numbers above', () => {
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(12 * 1024 * 1024)).toBe('12 MB');
    expect(formatBytes(1024 ** 3)).toBe('1 GB');
    expect(formatBytes(2.25 * 1024 ** 3)).toBe('2.3 GB');
  });

  it('moves up a unit instead of showing 1024 of one', () => {
    expect(formatBytes(1024 * 1024 - 1)).toBe('1 MB');
  });

  it('treats nonsense as nothing', () => {
    expect(formatBytes(-5)).toBe('0 B');
    expect(formatBytes(Number.NaN)).toBe('0 B');
  });
});

describe('usedPercent', () => {
  it('is the share of the limit, kept within 0–100', () => {
    expect(usedPercent(256, 1024)).toBe(25);
    expect(usedPercent(2048, 1024)).toBe(100);
    expect(usedPercent(10, 0)).toBe(0);
  });
});

describe('formatListDate', () => {
  const now = new Date('2026-05-20T15:00:00Z');

  it('shows only the time for a message from today', () => {
    expect(formatListDate('2026-05-20T09:05:00Z', now, 'en-GB', 'UTC')).toBe('09:05');
    expect(formatListDate('2026-05-20T09:05:00Z', now, 'zh-CN', 'UTC')).toBe('09:05');
  });

  it('shows day and month for this year', () => {
    expect(formatListDate('2026-03-04T09:05:00Z', now, 'en-US', 'UTC')).toBe('Mar 4');
    expect(formatListDate('2026-03-04T09:05:00Z', now, 'zh-CN', 'UTC')).toBe('3月4日');
  });

  it('shows the full date for earlier years', () => {
    expect(formatListDate('2024-12-31T09:05:00Z', now, 'en-US', 'UTC')).toBe('12/31/24');
    expect(formatListDate('2024-12-31T09:05:00Z', now, 'zh-CN', 'UTC')).toBe('2024/12/31');
  });

  it('decides "today" in the reader’s time zone', () => {
    // 23:30 UTC on the 19th is already the 20th in Shanghai.
    expect(formatListDate('2026-05-19T23:30:00Z', now, 'en-GB', 'Asia/Shanghai')).toBe('07:30');
  });

  it('gives nothing for a bad date', () => {
    expect(formatListDate('not a date', now, 'en')).toBe('');
  });
});

describe('formatFullDate', () => {
  it('spells out the day', () => {
    expect(formatFullDate('2026-05-20T09:05:00Z', 'en-US', 'UTC')).toContain('Wednesday, May 20, 2026');
  });
});
