import { NOTIFICATIONS_ERROR_CODES, NOTIFICATIONS_PER_RECIPIENT_MINUTE } from '@orbit/contracts';
import { errorCatalogue } from '../kernel/errors.js';

/** Every error the notifications module answers with: its code (shared through @orbit/contracts), status and message. */
export const NOTIFICATIONS_ERRORS = errorCatalogue(NOTIFICATIONS_ERROR_CODES, {
  notificationInvalidUrl: [
    400,
    'A notification links to an https URL, http on localhost, or a path of the hub.',
  ],
  notificationNotFound: [404, 'No such notification.'],
  notificationRecipientNotFound: [404, 'No such account to notify.'],
  notificationTooMany: [
    429,
    `At most ${NOTIFICATIONS_PER_RECIPIENT_MINUTE} notifications a minute to one account from one sender.`,
  ],
});
