import { ADMIN_ERROR_CODES } from '@orbit/contracts';
import { errorCatalogue } from '../kernel/errors.js';

/** Every error the admin module answers with: its code (shared through @orbit/contracts), status and English message. */
export const ADMIN_ERRORS = errorCatalogue(ADMIN_ERROR_CODES, {
  accountAlreadyLocked: [409, 'This account is already locked.'],
  accountCannotDeleteSelf: [409, 'You cannot delete your own account here; use your account center.'],
  accountCannotLockSelf: [409, 'You cannot lock your own account.'],
  accountHandleTaken: [409, 'This handle is taken.'],
  accountInvalidTimeZone: [400, 'This is not a time zone name (IANA, like Europe/Berlin).'],
  accountNoRecoveryCodes: [409, 'This account has no recovery codes.'],
  accountNotFound: [404, 'No such account.'],
  clientServiceManaged: [
    409,
    'Client … belongs to the service …: its settings come from the service’s manifest. Rotate its secret or disable it; change the rest by registering the service again.',
  ],
  passkeyNotFound: [404, 'No such passkey on this account.'],
  roleLastAdmin: [409, 'This is the only admin. Make someone else an admin first.'],
  roleNotHeld: [404, 'The account does not hold this role.'],
  roleUnknown: [400, 'There is no role "…".'],
});
