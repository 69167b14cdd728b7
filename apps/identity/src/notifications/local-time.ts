import { NOTIFICATION_DIGEST_HOUR } from '@orbit/contracts';
import { addDays, dayStart, localDay, zoneOrUtc } from '../membership/index.js';

/** Minutes after midnight of `at` in `timeZone`. */
export function minuteOfDay(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .formatToParts(at)
    .reduce<Record<string, string>>((all, p) => Object.assign(all, { [p.type]: p.value }), {});
  return Number(parts.hour) * 60 + Number(parts.minute);
}

/**
 * `hour`:00 of the local `day` in `timeZone`. Counted from the day's start, then set by the wall clock: a day whose
 * clocks change before that hour (at 02:00 or 03:00, as most do) still gets it at that hour, not one off.
 */
function localHour(day: string, hour: number, timeZone: string): Date {
  const guess = dayStart(day, timeZone).getTime() + hour * 3_600_000;
  const off = minuteOfDay(new Date(guess), timeZone) - hour * 60;
  return new Date(guess - off * 60_000);
}

/** When the daily digest is next due after `after`: the digest hour of today (if still ahead) or tomorrow, locally. */
export function nextDigestAt(after: Date, timeZone: string, hour = NOTIFICATION_DIGEST_HOUR): Date {
  const zone = zoneOrUtc(timeZone);
  const today = localDay(after, zone);
  const candidate = localHour(today, hour, zone);
  return candidate > after ? candidate : localHour(addDays(today, 1), hour, zone);
}
