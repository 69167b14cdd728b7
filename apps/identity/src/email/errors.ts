import { EMAIL_ERROR_CODES } from '@orbit/contracts';
import { errorCatalogue } from '../kernel/errors.js';

/** Every error the email module answers with: its code (shared through @orbit/contracts), status and English message. */
export const EMAIL_ERRORS = errorCatalogue(EMAIL_ERROR_CODES, {
  outboxNotFound: [404, 'No such message.'],
});
