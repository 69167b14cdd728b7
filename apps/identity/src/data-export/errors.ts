import { DATA_EXPORT_ERROR_CODES, DATA_EXPORT_INTERVAL_DAYS } from '@orbit/contracts';
import { errorCatalogue } from '../kernel/errors.js';

/** Every error the data-export module answers with: its code (shared through @orbit/contracts), status and message. */
export const DATA_EXPORT_ERRORS = errorCatalogue(DATA_EXPORT_ERROR_CODES, {
  dataExportExpired: [410, 'This export has expired; request a new one.'],
  dataExportLinkInvalid: [403, 'This download link is no longer valid; get a new one from your account.'],
  dataExportNotFound: [404, 'No such export.'],
  dataExportNotReady: [409, 'This export is not ready yet.'],
  dataExportTooSoon: [
    429,
    `One export every ${DATA_EXPORT_INTERVAL_DAYS} days: the next can be requested at the time in details.nextExportAt.`,
  ],
});
