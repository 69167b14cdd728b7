export { type NotificationsExports, notificationsModule } from './module.js';
export {
  actorsPhrase,
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
