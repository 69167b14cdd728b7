import { ACCOUNT_LIFECYCLE_ERROR_CODES } from '@orbit/contracts';
import { errorCatalogue } from '../kernel/errors.js';

/** Every error the account-lifecycle module answers with: its code (shared through @orbit/contracts), status and English message. */
export const ACCOUNT_LIFECYCLE_ERRORS = errorCatalogue(ACCOUNT_LIFECYCLE_ERROR_CODES, {
  accountBusy: [503, 'New sign-ins keep arriving for this account; try again.'],
  accountConfirmMismatch: [400, 'Type your account number to confirm.'],
  accountDeletionNothingToRetry: [
    409,
    'This deletion has nothing to send again: the account is not deleted yet, or every service acknowledged it.',
  ],
  accountDeletionNotFound: [404, 'No such account deletion.'],
  accountPasswordRequired: [400, 'Enter your password to delete your account.'],
  accountPaymentInProgress: [
    409,
    'A payment for this account is being processed. Try again in a few minutes.',
  ],
});
