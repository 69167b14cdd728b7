import { addDays, dayStart, daysBetween } from './local-days.js';

/** Growth lost each day without a membership (never below zero). */
export const DECAY_PER_DAY = 5;

/** One subscription row as growth sees it: when it held, and what it earns a day. */
export interface GrowthInterval {
  start: Date;
  /** When it ended; null while live (then it counts up to now, never ahead). */
  end: Date | null;
  /**
   * A live row: how far it is sure to hold (its period's end; while past due, its grace's end). What happens
   * after — a renewal, or an end at that instant — is the lifecycle's to decide, so the days from then on wait.
   */
  coveredUntil?: Date | null;
  /** What it earns a day… */
  rate: number;
  /** …or, when the rate has a history, what it earned a day at an instant (epoch ms). */
  rateAt?: (at: number) => number;
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
 * The growth rows of local days `fromDay` … `toDay`. A day any interval overlapped accrues at the rate in force
 * at the first instant of the day a membership covered (the best rate among the memberships covering that
 * instant): settlement writes today's row as soon as today is covered, so what happens later in the day (an
 * upgrade, a rate an admin changes) counts from the next day on. A completed day none overlapped decays by 5
 * while the total is above zero. `settledThrough` is the last day that is final (the days after it are today
 * without a membership yet, days a live row's renewal or end will decide, or the future). Settlement and
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
    // A live row past the end it is sure of: wait for the lifecycle to renew it or end it there.
    if (intervals.some((i) => !i.end && i.coveredUntil && i.coveredUntil.getTime() <= start)) break;
    // A live row covers up to this instant: "now" itself still counts, so today accrues as soon as it starts.
    const until = (interval: GrowthInterval) => (interval.end ? interval.end.getTime() : nowMs + 1);
    let first = Number.POSITIVE_INFINITY;
    for (const interval of intervals) {
      const from = Math.max(start, interval.start.getTime());
      if (from < end && from < until(interval)) first = Math.min(first, from);
    }
    let best: { tierId: string; rate: number } | undefined;
    for (const interval of intervals) {
      if (interval.start.getTime() > first || until(interval) <= first) continue;
      const rate = interval.rateAt ? interval.rateAt(first) : interval.rate;
      if (!best || rate > best.rate) best = { tierId: interval.tierId, rate };
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
