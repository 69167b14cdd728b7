import type { Grant, GrowthAdjustment, VipLevel } from '../../../api/membership-types';

/**
 * The VIP level thresholds editor, the complimentary grant form and the growth adjustment form, checked as the
 * hub checks them: thresholds are whole numbers, level 1 at 0 and each level above the one before; a grant names
 * a tier, an end in the future and a reason; an adjustment is a whole number of points, not 0, at most 100 000
 * either way, with a reason.
 */

export type ThresholdProblem = 'count' | 'firstZero' | 'increasing';

export type ThresholdsCheck =
  | { ok: true; levels: VipLevel[] }
  | { ok: false; problems: Record<number, ThresholdProblem> };

/** `values[i]` is the typed threshold of level i + 1. */
export function checkThresholds(values: string[]): ThresholdsCheck {
  const problems: Record<number, ThresholdProblem> = {};
  const levels: VipLevel[] = [];
  let previous = -1;
  values.forEach((text, index) => {
    const level = index + 1;
    const trimmed = text.trim();
    const minGrowth = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
    if (!Number.isSafeInteger(minGrowth) || minGrowth > 2_147_483_647) problems[level] = 'count';
    else if (level === 1 && minGrowth !== 0) problems[level] = 'firstZero';
    else if (minGrowth <= previous) problems[level] = 'increasing';
    if (Number.isSafeInteger(minGrowth)) previous = minGrowth;
    levels.push({ level, minGrowth });
  });
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, levels };
}

export interface GrantFields {
  tierId: string;
  /** A `date` input's value, `YYYY-MM-DD`: the membership runs to the end of that day, in the admin's time. */
  until: string;
  reason: string;
}

export type GrantField = keyof GrantFields;
export type GrantProblem = 'required' | 'past' | 'tooFar' | 'tooLong';

/** How far ahead a complimentary membership may run. */
const MAX_YEARS = 10;

export type GrantCheck =
  | { ok: true; grant: Grant }
  | { ok: false; problems: Partial<Record<GrantField, GrantProblem>> };

export function checkGrant(fields: GrantFields, now: Date): GrantCheck {
  const problems: Partial<Record<GrantField, GrantProblem>> = {};
  if (!fields.tierId) problems.tierId = 'required';
  const reason = fields.reason.trim();
  if (!reason) problems.reason = 'required';
  else if (reason.length > 500) problems.reason = 'tooLong';

  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(fields.until);
  const until = day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]) + 1) : undefined;
  const limit = new Date(now);
  limit.setFullYear(limit.getFullYear() + MAX_YEARS);
  if (!until || Number.isNaN(until.getTime())) problems.until = 'required';
  else if (until.getTime() <= now.getTime()) problems.until = 'past';
  else if (until.getTime() > limit.getTime()) problems.until = 'tooFar';

  if (Object.keys(problems).length > 0 || !until) return { ok: false, problems };
  return { ok: true, grant: { tierId: fields.tierId, until: until.toISOString(), reason } };
}

export interface AdjustmentFields {
  /** As typed: `700`, `+700`, `-200`. */
  points: string;
  reason: string;
}

export type AdjustmentField = keyof AdjustmentFields;
export type AdjustmentProblem = 'required' | 'wholeNumber' | 'notZero' | 'tooMany' | 'tooLong';

/** The most points one adjustment may add or take away. */
export const MAX_ADJUSTMENT = 100_000;

export type AdjustmentCheck =
  | { ok: true; adjustment: GrowthAdjustment }
  | { ok: false; problems: Partial<Record<AdjustmentField, AdjustmentProblem>> };

export function checkAdjustment(fields: AdjustmentFields): AdjustmentCheck {
  const problems: Partial<Record<AdjustmentField, AdjustmentProblem>> = {};
  // Spaces and the minus sign a keyboard or a copy may give (U+2212) are taken as typed meant them.
  const typed = fields.points.replace(/\s/g, '').replace('\u2212', '-');
  const delta = /^[+-]?\d+$/.test(typed) ? Number(typed) : Number.NaN;
  if (!typed) problems.points = 'required';
  else if (!Number.isSafeInteger(delta)) problems.points = 'wholeNumber';
  else if (delta === 0) problems.points = 'notZero';
  else if (Math.abs(delta) > MAX_ADJUSTMENT) problems.points = 'tooMany';
  const note = fields.reason.trim();
  if (!note) problems.reason = 'required';
  else if (note.length > 500) problems.reason = 'tooLong';
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, adjustment: { delta, note } };
}
