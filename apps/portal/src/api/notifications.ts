import { notificationsApi } from '@orbit/contracts';
import { hub } from './client';

/**
 * Typed calls to the bell's endpoints (`/api/notifications`, issue 19), through the hub's typed client: each is the
 * endpoint's declaration in `@orbit/contracts`, so the shapes are the hub's own. The live count comes over
 * Server-Sent Events instead (`NOTIFICATIONS_STREAM`, see notifications/unread-store.ts).
 */

const api = notificationsApi;
const byId = (id: string) => ({ params: { id } });

export type { NotificationPreferencesView, NotificationsPage, NotificationView } from '@orbit/contracts';

/** The stream of the unread count: an `unread` event with `{"unread": n}` at once and at every change. */
export const NOTIFICATIONS_STREAM = api.stream.path;

export interface NotificationsQuery {
  limit?: number;
  /** The previous page's `nextBefore`. */
  before?: string;
  /** Only unread items. */
  unread?: boolean;
  /** Only items from this source (`hub` or a service id). */
  source?: string;
}

export const notifications = {
  /** A page of items, newest first, with the unread count and the cursor of the next page. */
  list: ({ limit, before, unread, source }: NotificationsQuery = {}) =>
    hub.call(api.list, {
      query: {
        ...(limit !== undefined ? { limit } : {}),
        ...(before !== undefined ? { before } : {}),
        ...(unread ? { unread: 'true' as const } : {}),
        ...(source !== undefined ? { source } : {}),
      },
    }),

  unread: async () => (await hub.call(api.unread)).unread,

  /** Each answers the unread count after it. */
  markRead: async (id: string) => (await hub.call(api.markRead, byId(id))).unread,

  markAllRead: async () => (await hub.call(api.markAllRead)).unread,

  remove: async (id: string) => (await hub.call(api.remove, byId(id))).unread,

  preferences: () => hub.call(api.preferences),

  updatePreferences: (patch: {
    categories?: Record<string, { inApp?: boolean; email?: boolean }>;
    quietHours?: { start: string; end: string } | null;
    digest?: boolean;
  }) => hub.call(api.updatePreferences, { body: patch }),
};
