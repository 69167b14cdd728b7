import { Hono } from 'hono';
import type { Email } from '../email/index.js';
import { defineModule, type HubContext, uses } from '../module.js';
import type { OidcExports } from '../oidc/index.js';
import type { SocialExports } from '../social/index.js';
import { createNotifications, NOTIFICATION_EMAIL_QUEUE } from './notifications.js';
import { notificationRoutes, notifyServiceRoutes } from './routes.js';
import { notificationsSchema } from './schema.js';
import { createNotificationStreams } from './streams.js';

function notificationServices(
  { db, clock, queue, config }: HubContext,
  { social, email }: Pick<SocialExports, 'social'> & { email: Email },
) {
  const notifications = createNotifications({ db, clock, queue, social, email, issuer: config.issuer });
  return {
    notifications,
    notificationStreams: createNotificationStreams({ unread: (id) => notifications.unread(id) }),
  };
}
export type NotificationsExports = ReturnType<typeof notificationServices>;

/**
 * The bell (issue 19, point 4): notifications from services (`POST /api/v1/notifications`) and the hub, grouped,
 * filtered by blocks, mutes and preferences, live over Server-Sent Events on every hub instance, and by email
 * after the quiet hours when the reader asks for it.
 */
export const notificationsModule = defineModule({
  name: 'notifications',
  schema: notificationsSchema,
  uses: uses<OidcExports>(),
  services: notificationServices,
  routes: (_web, { notifications, notificationStreams }) =>
    notificationRoutes({ notifications, streams: notificationStreams }),
  serviceApi: ({ config }, s) =>
    new Hono().route(
      '/',
      notifyServiceRoutes({
        tokens: s.tokens,
        clients: s.clients,
        issuer: config.issuer,
        notifications: s.notifications,
      }),
    ),
  jobs: ({ notifications }) => [
    { queue: NOTIFICATION_EMAIL_QUEUE, handler: notifications.sendEmail, concurrency: 2 },
  ],
  timers: ({ notifications }) => [
    {
      name: 'notifications sweep',
      everyMs: 60 * 60 * 1000,
      atStart: true,
      task: () => notifications.sweep(),
    },
  ],
  onStart: async ({ notificationStreams }, { listen }) => {
    if (listen) await notificationStreams.watch(listen);
  },
  onDrain: ({ notificationStreams }) => notificationStreams.drain(),
  onStop: async ({ notificationStreams }) => {
    await notificationStreams.unwatch();
  },
});
