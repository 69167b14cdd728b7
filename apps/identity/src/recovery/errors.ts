import { RECOVERY_ERROR_CODES } from '@orbit/contracts';
import { errorCatalogue } from '../kernel/errors.js';

/** Every error the recovery module answers with: its code (shared through @orbit/contracts), status and English message. */
export const RECOVERY_ERRORS = errorCatalogue(RECOVERY_ERROR_CODES, {
  accountNoVerifiedEmail: [409, 'This account has no verified email address to send a reset link to.'],
  emailInvalidToken: [404, 'This link is not valid: it was used, has expired, or a newer one replaced it.'],
  emailNothingToVerify: [409, 'This account has no address waiting for verification.'],
  emailTaken: [409, 'Another account uses this address now.'],
  emailTooManyRequests: [
    429,
    'Too many verification emails were sent in the last hour. Wait, then try again.',
  ],
  passwordResetInvalidToken: [
    404,
    'This reset link is not valid: it was used, has expired, or never existed. Ask for a new one.',
  ],
  passwordResetTooManyRequests: [429, 'Too many reset requests from this address. Wait, then try again.'],
});
