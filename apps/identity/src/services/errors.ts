import { SERVICES_ERROR_CODES } from '@orbit/contracts';
import { errorCatalogue } from '../kernel/errors.js';

/** Every error the services module answers with: its code (shared through @orbit/contracts), status and English message. */
export const SERVICES_ERRORS = errorCatalogue(SERVICES_ERROR_CODES, {
  serviceClientTaken: [
    409,
    'An OAuth client with id … exists already and is not a service; give the service another id.',
  ],
  serviceInvalidManifest: [400, 'The service manifest is not valid.'],
  serviceInvalidOrigin: [400, 'The service’s origin must be an http(s) URL with no path.'],
  serviceNotFound: [404, 'No service ….'],
  serviceCallNotFound: [404, 'No such call grant: the caller does not ask for that scope.'],
});
