import { Hono } from 'hono';
import type { Email } from '../email/index.js';
import type { MembershipExports } from '../membership/index.js';
import { defineModule, type HubContext, uses } from '../module.js';
import type { OidcExports } from '../oidc/index.js';
import type { SecurityLog } from '../security/index.js';
import { createDigest, NOTIFICATION_DIGEST_QUEUE } from './digest.js';
import { createHubNotices, MEMBERSHIP_NOTICE_QUEUE } from './hub-notices.js';
import { createNotifications, NOTIFICATION_EMAIL_QUEUE } from './notifications.js';
import { notificationRoutes, notifyServiceRoutes } from './routes.js';
import { notificationsSchema } from './schema.js';
import { createNotificationStreams } from './streams.js';
import { userNotificationRoutes } from './user-routes.js';

/** How often the digest timer looks for digests due (each goes within this long of its hour). */
const DIGEST_EVERY_MS = 5 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

function notificationServices(
  { db, clock, queue, config }: HubContext,
  {
    email,
    securityLog,
    onMembershipChange,
  }: { email: Email; securityLog: SecurityLog } & Pick<MembershipExports, 'onMembershipChange'>,
) {
  const notifications = createNotifications({ db, clock, queue, email, issuer: config.issuer });
  // The hub's own notices, written in the transactions that record what they tell of.
  const hubNotices = createHubNotices({ db, clock, queue, notifications });
  securityLog.onRecord(hubNotices.onSecurityEvent);
  onMembershipChange(hubNotices.onMembershipChange);
  return {
    notifications,
    hubNotices,
    notificationDigest: createDigest({
      db,
      clock,
      queue,
      email,
      issuer: config.issuer,
      view: notifications.view,
    }),
    notificationStreams: createNotificationStreams({ unread: (id) => notifications.unread(id) }),
  };
}
export type NotificationsExports = ReturnType<typeof notificationServices>;

/**
 * The bell (issue 19, point 4): notifications from services (`POST /api/v1/notifications`) and the hub's own
 * (security, membership), grouped, filtered by blocks, mutes and preferences, live over Server-Sent Events on
 * every hub instance — in the portal and, through each service's SDK with the user's own token
 * (`/api/v1/me/notifications…`), in the service shell — and by email after the quiet hours, or in a daily digest.
 */
export const notificationsModule = defineModule({
  name: 'notifications',
  schema: notificationsSchema,
  uses: uses<OidcExports>(),
  services: notificationServices,
  routes: (_web, { notifications, notificationStreams }) =>
    notificationRoutes({ notifications, streams: notificationStreams }),
  serviceApi: ({ config, clock }, s) =>
    new Hono()
      .route(
        '/',
        notifyServiceRoutes({
          tokens: s.tokens,
          clients: s.clients,
          issuer: config.issuer,
          notifications: s.notifications,
        }),
      )
      .route(
        '/',
        userNotificationRoutes({
          tokens: s.tokens,
          clients: s.clients,
          clock,
          notifications: s.notifications,
          streams: s.notificationStreams,
        }),
      ),
  jobs: ({ notifications, notificationDigest, hubNotices }) => [
    { queue: NOTIFICATION_EMAIL_QUEUE, handler: notifications.sendEmail, concurrency: 2 },
    { queue: NOTIFICATION_DIGEST_QUEUE, handler: notificationDigest.send, concurrency: 2 },
    { queue: MEMBERSHIP_NOTICE_QUEUE, handler: hubNotices.sendEndingNotice },
  ],
  timers: ({ notifications, notificationDigest, hubNotices }) => [
    {
      name: 'notifications sweep',
      everyMs: HOUR_MS,
      atStart: true,
      task: () => notifications.sweep(),
    },
    {
      name: 'notification digests',
      everyMs: DIGEST_EVERY_MS,
      atStart: true,
      task: () => notificationDigest.queueDue(),
    },
    {
      name: 'membership ending notices',
      everyMs: HOUR_MS,
      atStart: true,
      task: () => hubNotices.queueEndingNotices(),
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
