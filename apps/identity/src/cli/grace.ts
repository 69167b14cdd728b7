import { DEFAULT_GRACE_HOURS, MAX_GRACE_HOURS } from '../oidc/index.js';
import type { Args, FlagSpec } from './args.js';
import { UsageError } from './context.js';

/** `--grace-hours N`, shared by `clients:rotate-secret` and `services:rotate-secret`. */
export const graceFlag = {
  type: 'string',
  value: 'N',
  default: String(DEFAULT_GRACE_HOURS),
  description: `how many hours the old secret keeps working (0–${MAX_GRACE_HOURS}; 0 ends it at once)`,
} satisfies FlagSpec;

/** The `--grace-hours` given, as whole hours, or undefined for the default. */
export function graceHoursFrom(args: Args): number | undefined {
  const given = args.string('grace-hours');
  if (given === undefined) return undefined;
  const hours = /^\d{1,3}$/.test(given.trim()) ? Number(given.trim()) : Number.NaN;
  if (!(hours <= MAX_GRACE_HOURS)) {
    throw new UsageError(`--grace-hours "${given}": a whole number of hours from 0 to ${MAX_GRACE_HOURS}`);
  }
  return hours;
}

/** What happens to the replaced secret, for the person at the terminal. */
export const overlapSentence = (ends: Date | null) =>
  ends
    ? `The old secret keeps working until ${ends.toISOString()}; deploy the new one before then.`
    : 'The old secret stopped working at once.';
