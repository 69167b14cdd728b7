import { SETUP_ERROR_CODES } from '@orbit/contracts';
import { errorCatalogue } from '../kernel/errors.js';

/** Every error the setup module answers with: its code (shared through @orbit/contracts), status and English message. */
export const SETUP_ERRORS = errorCatalogue(SETUP_ERROR_CODES, {
  setupInvalidToken: [404, 'This setup link is not valid: it was used, has expired, or never existed.'],
});
