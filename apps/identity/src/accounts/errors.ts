import { ACCOUNTS_ERROR_CODES } from '@orbit/contracts';
import { errorCatalogue } from '../kernel/errors.js';
/** Every error the accounts module answers with: its code (shared through @orbit/contracts), status and English message. */
export const ACCOUNTS_ERRORS = errorCatalogue(ACCOUNTS_ERROR_CODES, {
  accountEmailTaken: [409, 'An account already uses this email.'],
  accountLocked: [403, 'This account was locked by an administrator. Contact support to get it unlocked.'],
  accountNumberUnavailable: [503, 'No free account number was found; try again.'],
  avatarNotFound: [404, 'This account has no avatar.'],
  avatarUnsupportedType: [415, 'Upload a PNG, JPEG, WebP or GIF image, sent with its own Content-Type.'],
  passwordTooCommon: [400, 'This password is too common; choose another.'],
  passwordTooShort: [400, 'Use at least … characters.'],
  passwordTooWeak: [400, 'This password is too easy to guess; the details say why and what would help.'],
});

/**
 * What every way into a locked account answers (password, passkey, recovery code): 403, and only once the
 * credential was right, like every other sign-in error (sign-in/sign-in.ts) — so the answer tells a stranger
 * nothing about the account.
 */
export const accountLocked = () => ACCOUNTS_ERRORS.accountLocked.error();
