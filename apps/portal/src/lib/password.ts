/** The hub's shortest accepted password, counted in characters (code points), as the hub counts it. */
export const PASSWORD_MIN_LENGTH = 8;

/**
 * Whether the hub will refuse `password` as too short. Checked before sending a new password, so this problem
 * shows together with the ones the hub reports first (a malformed handle); the hub still has the last word.
 */
export function passwordTooShort(password: string): boolean {
  return Array.from(password).length < PASSWORD_MIN_LENGTH;
}
