/**
 * The bell's endpoints for the signed-in user (`/api/notifications`), and the service API services notify through
 * (`POST /api/v1/notifications`, scope `notifications:write`). The hub's `notifications` module implements them.
 */
import { z } from 'zod';
import { endpoint } from './endpoint.js';
import {
  markReadBody,
  notificationPreferences,
  notificationPreferencesBody,
  notificationsPage,
  notificationsQuery,
  notifyAnswer,
  notifyBody,
  shellBellQuery,
  unreadAnswer,
} from './notifications.js';

const tags = ['notifications'];
const idParam = z.object({ id: z.string().meta({ format: 'uuid' }) });

export const notificationsApi = {
  list: endpoint({
    method: 'get',
    path: '/api/notifications',
    summary: 'The bell: notifications from every service and the hub, newest first',
    tags,
    auth: 'session',
    query: notificationsQuery,
    responses: { 200: notificationsPage },
  }),
  unread: endpoint({
    method: 'get',
    path: '/api/notifications/unread',
    summary: 'How many notifications are unread, across every service',
    tags,
    auth: 'session',
    responses: { 200: unreadAnswer },
  }),
  stream: endpoint({
    method: 'get',
    path: '/api/notifications/stream',
    summary: 'The unread count, live (Server-Sent Events: an `unread` event at once and at every change)',
    tags,
    auth: 'session',
    responses: { 200: { description: 'An event stream.', type: 'text/event-stream' } },
  }),
  markRead: endpoint({
    method: 'post',
    path: '/api/notifications/:id/read',
    summary: 'Mark a notification read',
    tags,
    auth: 'session',
    params: idParam,
    responses: { 200: unreadAnswer },
  }),
  markAllRead: endpoint({
    method: 'post',
    path: '/api/notifications/read-all',
    summary: 'Mark every notification read',
    tags,
    auth: 'session',
    responses: { 200: unreadAnswer },
  }),
  remove: endpoint({
    method: 'delete',
    path: '/api/notifications/:id',
    summary: 'Delete a notification',
    tags,
    auth: 'session',
    params: idParam,
    responses: { 200: unreadAnswer },
  }),
  preferences: endpoint({
    method: 'get',
    path: '/api/notifications/preferences',
    summary: 'Which categories reach the reader in the bell and by email, and the quiet hours',
    tags,
    auth: 'session',
    responses: { 200: notificationPreferences },
  }),
  updatePreferences: endpoint({
    method: 'patch',
    path: '/api/notifications/preferences',
    summary: 'Turn categories on or off per channel, or set the quiet hours',
    tags,
    auth: 'session',
    body: notificationPreferencesBody,
    responses: { 200: notificationPreferences },
  }),
  notify: endpoint({
    method: 'post',
    path: '/api/v1/notifications',
    summary: 'Notify an account (a service’s token with scope `notifications:write`)',
    tags: ['service API'],
    auth: 'bearer',
    body: notifyBody,
    responses: { 202: notifyAnswer },
  }),
  /*
   * The bell of one user, for the service they are using (the service shell's bell, through its SDK): with that
   * user's own access token, which the hub issued to the calling service at sign-in (its audience is that
   * service). A token that is not a live user token issued to the service that presents it is refused with 401
   * `token.invalid` and a `details.reason`.
   */
  userList: endpoint({
    method: 'get',
    path: '/api/v1/me/notifications',
    summary: 'The user’s latest notifications and unread count (the user’s access token)',
    tags: ['service API'],
    auth: 'bearer',
    query: shellBellQuery,
    responses: { 200: notificationsPage },
  }),
  userMarkRead: endpoint({
    method: 'post',
    path: '/api/v1/me/notifications/read',
    summary: 'Mark some or all of the user’s notifications read (the user’s access token)',
    tags: ['service API'],
    auth: 'bearer',
    body: markReadBody,
    responses: { 200: unreadAnswer },
  }),
  userStream: endpoint({
    method: 'get',
    path: '/api/v1/me/notifications/stream',
    summary:
      'The user’s unread count, live (Server-Sent Events, the user’s access token); ends when the token expires',
    tags: ['service API'],
    auth: 'bearer',
    responses: { 200: { description: 'An event stream.', type: 'text/event-stream' } },
  }),
};
