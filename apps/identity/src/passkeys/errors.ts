import { PASSKEYS_ERROR_CODES } from '@orbit/contracts';
import { errorCatalogue } from '../kernel/errors.js';

/** Every error the passkeys module answers with: its code (shared through @orbit/contracts), status and English message. */
export const PASSKEYS_ERRORS = errorCatalogue(PASSKEYS_ERROR_CODES, {
  adminPasskeyRequired: [403, 'Add a passkey to your account before making admin changes.'],
  passkeyAlreadyRegistered: [409, 'This passkey is already registered.'],
  passkeyChallengeInvalid: [401, 'This passkey request has expired or was already used. Try again.'],
  passkeyCounterRegression: [
    401,
    'This passkey reported a signature counter that went backwards, which can mean it was cloned. It was refused.',
  ],
  passkeyNone: [409, 'Add a passkey first; recovery codes stand in for it.'],
  passkeyUnknownCredential: [401, 'This passkey is not registered to this account.'],
  passkeyVerificationFailed: [401, 'The passkey’s answer could not be verified.'],
  reauthenticationRequired: [401, 'Enter your password again to add a passkey.'],
  stepUpRequired: [401, 'Confirm this action with your passkey.'],
});
