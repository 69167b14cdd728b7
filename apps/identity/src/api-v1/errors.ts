import { API_V1_ERROR_CODES } from '@orbit/contracts';
import { errorCatalogue } from '../kernel/errors.js';

/** Every error the api-v1 module answers with: its code (shared through @orbit/contracts), status and English message. */
export const API_V1_ERRORS = errorCatalogue(API_V1_ERROR_CODES, {
  tokenInsufficientScope: [403, 'This call needs the … scope.'],
  tokenInvalid: [401, 'The bearer token is missing, expired, revoked or not meant for this API.'],
});
