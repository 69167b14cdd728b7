/**
 * Local days in an account's time zone, with `Intl` (the same zone database that validates the names, so a zone
 * the hub accepts is a zone it can compute with). A day is `YYYY-MM-DD`; its length is whatever the zone makes it
 * (23 or 25 hours on a DST change), never assumed to be 24 hours.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock time in the zone at `instant`, read as if it were UTC (so it can be compared with `Date.UTC`). */
function wallClock(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  const subsecond = ((instant % 1000) + 1000) % 1000;
  return Date.UTC(year, month - 1, day, hour, minute, second) + subsecond;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const formatUtcDay = (ms: number) => {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};
const utcMidnight = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The local day (`YYYY-MM-DD`) of an instant in the zone. */
export function localDay(instant: Date | number, timeZone: string): string {
  return formatUtcDay(wallClock(typeof instant === 'number' ? instant : instant.getTime(), timeZone));
}

/** The day `n` days after (or before) `day`. */
export function addDays(day: string, n: number): string {
  return formatUtcDay(utcMidnight(day) + n * DAY_MS);
}

/** Days from `from` to `to` inclusive (none when `to` is before `from`). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let ms = utcMidnight(from); ms <= utcMidnight(to); ms += DAY_MS) days.push(formatUtcDay(ms));
  return days;
}

/**
 * The first instant of the local day: its midnight, or when midnight doesn't exist there (a DST change at 00:00,
 * as in America/Santiago) the moment the day begins.
 */
export function dayStart(day: string, timeZone: string): Date {
  const midnight = utcMidnight(day);
  const offsetAt = (t: number) => wallClock(t, timeZone) - t;
  // Two rounds settle the offset in all but the change-at-midnight cases, which the check catches.
  let guess = midnight - offsetAt(midnight);
  guess = midnight - offsetAt(guess);
  if (localDay(guess, timeZone) === day && localDay(guess - 1, timeZone) < day) return new Date(guess);
  // The earliest instant whose local day is `day` or later; offsets lie within −12 h … +14 h.
  let lo = midnight - 15 * HOUR_MS;
  let hi = midnight + 13 * HOUR_MS;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDay(mid, timeZone) >= day) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

let knownZones: Set<string> | undefined;
/** Area/Location names (`Europe/Berlin`, `America/Argentina/Salta`, `Etc/GMT+5`), not `EST` or `+05:00`. */
const IANA_NAME = /^[A-Za-z][A-Za-z_-]*(\/[A-Za-z0-9_+-]+)+$/;

/**
 * An IANA time zone name this runtime knows: one of `Intl.supportedValuesOf('timeZone')` or `UTC`, or a name
 * `Intl` accepts beyond that list — an alias (`Asia/Kolkata` for `Asia/Calcutta`: browsers report the new names,
 * older ICU lists the old) or an `Etc/GMT±n` zone, which the list leaves out.
 */
export function isTimeZone(name: string): boolean {
  knownZones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
  if (knownZones.has(name)) return true;
  if (!IANA_NAME.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The zone to compute with: the account's, or UTC should a stored name no longer be known to this runtime. */
export const zoneOrUtc = (timeZone: string): string => (isTimeZone(timeZone) ? timeZone : 'UTC');
