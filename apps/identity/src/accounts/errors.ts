import { AppError } from '../http/errors.js';

/**
 * What every way into a locked account answers (password, passkey, recovery code): 403, and only once the
 * credential was right, like every other sign-in error (sign-in/sign-in.ts) — so the answer tells a stranger
 * nothing about the account.
 */
export const accountLocked = () =>
  new AppError(
    403,
    'account.locked',
    'This account was locked by an administrator. Contact support to get it unlocked.',
  );
