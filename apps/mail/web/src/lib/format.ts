const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/**
 * A byte count for people: "0 B", "512 B", "1.5 KB", "12 MB", "1 GB" (binary multiples, as mail clients and
 * file managers show them). One decimal below 10, whole numbers above.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  // 1023.96 KB rounds to 1024 KB: say 1 MB instead.
  if (rounded >= 1024 && unit < UNITS.length - 1) return `1 ${UNITS[unit + 1]}`;
  return `${rounded} ${UNITS[unit]}`;
}

/** The share of the quota used, 0–100, for the storage bar. */
export function usedPercent(usedBytes: number, limitBytes: number): number {
  if (!(limitBytes > 0)) return 0;
  return Math.min(100, Math.max(0, (usedBytes / limitBytes) * 100));
}

/**
 * A message's date in a list, short as mail clients show it: the time for today, day and month for this year,
 * the full date before that. `timeZone` is for tests; the reader's own zone otherwise.
 */
export function formatListDate(iso: string, now: Date, language: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(d);
  const year = (d: Date) => new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(d);
  const options: Intl.DateTimeFormatOptions =
    day(date) === day(now)
      ? { timeZone, timeStyle: 'short' }
      : year(date) === year(now)
        ? { timeZone, month: 'short', day: 'numeric' }
        : { timeZone, dateStyle: 'short' };
  return new Intl.DateTimeFormat(language, options).format(date);
}

/** A message's full date and time, as the reader shows it. */
export function formatFullDate(iso: string, language: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(date);
}
