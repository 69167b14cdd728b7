import { addDays, dayStart, daysBetween } from './local-days.js';

/** Growth lost each day without a membership (never below zero). */
export const DECAY_PER_DAY = 5;

/** One subscription row as growth sees it: when it held, and what it earns a day. */
export interface GrowthInterval {
  start: Date;
  /** When it ended; null while live (then it counts up to now, never ahead). */
  end: Date | null;
  rate: number;
  tierId: string;
}

export interface GrowthDay {
  day: string;
  kind: 'accrual' | 'decay';
  delta: number;
  /** The tier whose rate applied (accruals). */
  tierId: string | null;
}

export interface GrowthDaysOptions {
  /** Days that begin after this are not settled; a day that hasn't ended can accrue but not decay. */
  now: Date;
  /** The total before `fromDay` (decay never takes it below zero). */
  startTotal?: number;
  /** Admin adjustments by day, counted into the total at the start of their day. */
  adjustments?: ReadonlyMap<string, number>;
}

/**
 * The growth rows of local days `fromDay` … `toDay`: a day any interval overlapped accrues the best rate among
 * them; a completed day none overlapped decays by 5 while the total is above zero. `settledThrough` is the last
 * day that is final (the days after it are today without a membership yet, or the future). Settlement and
 * `rebuild` both use this, so the stored rows can always be checked against the subscription records.
 */
export function growthDays(
  intervals: readonly GrowthInterval[],
  timeZone: string,
  fromDay: string,
  toDay: string,
  { now, startTotal = 0, adjustments }: GrowthDaysOptions,
): { rows: GrowthDay[]; settledThrough: string; total: number } {
  const nowMs = now.getTime();
  const rows: GrowthDay[] = [];
  let total = startTotal;
  let settledThrough = addDays(fromDay, -1);
  for (const day of daysBetween(fromDay, toDay)) {
    const start = dayStart(day, timeZone).getTime();
    if (start > nowMs) break;
    const end = dayStart(addDays(day, 1), timeZone).getTime();
    total += adjustments?.get(day) ?? 0;
    if (end <= start) {
      settledThrough = day; // a day the zone skipped (Pacific/Apia, 2011-12-30): nothing happened on it
      continue;
    }
    let best: GrowthInterval | undefined;
    for (const interval of intervals) {
      // A live row covers up to this instant: "now" itself still counts, so today accrues as soon as it starts.
      const until = interval.end ? interval.end.getTime() : nowMs + 1;
      if (interval.start.getTime() < end && until > start && (!best || interval.rate > best.rate))
        best = interval;
    }
    if (best) {
      if (best.rate > 0) {
        rows.push({ day, kind: 'accrual', delta: best.rate, tierId: best.tierId });
        total += best.rate;
      }
    } else if (end <= nowMs) {
      const decay = Math.min(DECAY_PER_DAY, total);
      if (decay > 0) {
        rows.push({ day, kind: 'decay', delta: -decay, tierId: null });
        total -= decay;
      }
    } else {
      break; // today, with no membership yet: it may still get one
    }
    settledThrough = day;
  }
  return { rows, settledThrough, total };
}
