import { SIGN_IN_ERROR_CODES } from '@orbit/contracts';
import { errorCatalogue } from '../kernel/errors.js';

/** Every error the sign-in module answers with: its code (shared through @orbit/contracts), status and English message. */
export const SIGN_IN_ERRORS = errorCatalogue(SIGN_IN_ERROR_CODES, {
  authInvalidCredentials: [401, 'The account or password is not right.'],
  authTooManyAttempts: [429, 'Too many failed sign-ins. Wait, then try again.'],
  recoveryCodeInvalid: [401, 'This recovery code is not valid or was already used.'],
  signInPendingRequired: [401, 'This sign-in was already finished; start again.'],
  signUpTooMany: [429, 'Too many accounts were created from this network recently. Wait, then try again.'],
});
