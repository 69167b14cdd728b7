/** The Notifications pages (`/notifications`, `/notifications/preferences`), loaded together on the first visit. */
export { NotificationsPage } from './NotificationsPage';
export { PreferencesPage } from './PreferencesPage';
