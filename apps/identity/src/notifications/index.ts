export { type Digest, NOTIFICATION_DIGEST_QUEUE } from './digest.js';
export { type HubNotices, MEMBERSHIP_NOTICE_QUEUE } from './hub-notices.js';
export { nextDigestAt } from './local-time.js';
export { type NotificationsExports, notificationsModule } from './module.js';
export {
  actorsPhrase,
  HUB_SOURCE,
  type HubNotice,
  NOTIFICATION_EMAIL_QUEUE,
  NOTIFICATIONS_CHANNEL,
  type Notifications,
  quietWaitMs,
} from './notifications.js';
export {
  notificationItems,
  notificationPreferences,
  notificationSettings,
  notificationsSchema,
} from './schema.js';
export { MAX_STREAMS_PER_ACCOUNT, type NotificationStreams } from './streams.js';
