import { SESSIONS_ERROR_CODES } from '@orbit/contracts';
import { errorCatalogue } from '../kernel/errors.js';

/** Every error the sessions module answers with: its code (shared through @orbit/contracts), status and English message. */
export const SESSIONS_ERRORS = errorCatalogue(SESSIONS_ERROR_CODES, {
  sessionNotFound: [404, 'No such session on this account.'],
});
