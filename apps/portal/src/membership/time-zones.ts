/**
 * The time zones the preferences offer: every IANA zone the browser knows, plus `UTC` (the account's default,
 * which `Intl.supportedValuesOf` leaves out) and whatever the account has saved, sorted.
 */
export function timeZoneChoices(saved: string, supported: readonly string[]): string[] {
  return [...new Set([...supported, 'UTC', saved])].sort();
}

/**
 * The zone to show first: the saved one, except that an account still on the default `UTC` is offered the
 * browser's zone (marked as a suggestion until saved).
 */
export function initialTimeZone(
  saved: string,
  browser: string | undefined,
): { zone: string; suggested: boolean } {
  if (saved === 'UTC' && browser && browser !== 'UTC' && browser !== 'Etc/UTC') {
    return { zone: browser, suggested: true };
  }
  return { zone: saved, suggested: false };
}

/** The browser's own zone, if it says. */
export const browserTimeZone = (): string | undefined => Intl.DateTimeFormat().resolvedOptions().timeZone;
