import { notificationsApi } from '@orbit/contracts';
import { endpointRoutes, limitBody } from '@orbit/http';
import type { Context, MiddlewareHandler } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { requireScope, SERVICE_API_BASE, type ServiceApiEnv, serviceBearer } from '../api-v1/index.js';
import type { HubEnv } from '../env.js';
import { AppError } from '../http/errors.js';
import { HUB_KERNEL_ERRORS } from '../kernel/errors.js';
import { authOf, requireSession } from '../kernel/guards.js';
import type { Clients, Tokens } from '../oidc/index.js';
import { NOTIFICATIONS_ERRORS } from './errors.js';
import type { Notifications } from './notifications.js';
import type { NotificationStreams } from './streams.js';

/** How often an idle stream sends a comment, so proxies don't close it. */
const HEARTBEAT_MS = 25_000;

const uuid = z.uuid();
const knownId: MiddlewareHandler<HubEnv> = async function knownId(c, next) {
  if (!uuid.safeParse(c.req.param('id')).success) throw NOTIFICATIONS_ERRORS.notificationNotFound.error();
  await next();
};

const noStore: MiddlewareHandler<HubEnv> = async function noStore(c, next) {
  await next();
  c.header('Cache-Control', 'no-store');
};

/**
 * The unread count of `accountId` as Server-Sent Events: an `unread` event at once and at every change (changes
 * that arrive together are sent once), a comment when idle so proxies keep it open. It ends when the client goes,
 * when the hub stops (`streams.drain`), or after `endsInMs` (when a bearer token expires: the client reconnects
 * with a new one, so a revoked grant stops it within a token's lifetime).
 */
export function unreadStream(
  c: Context,
  {
    accountId,
    streams,
    unread,
    endsInMs,
  }: {
    accountId: string;
    streams: NotificationStreams;
    unread: (accountId: string) => Promise<number>;
    endsInMs?: number | undefined;
  },
): Response {
  const updates: number[] = [];
  let open = true;
  let wake: (() => void) | undefined;
  const unsubscribe = streams.subscribe(
    accountId,
    (n) => {
      updates.push(n);
      wake?.();
    },
    () => {
      open = false;
      wake?.();
    },
  );
  if (unsubscribe === 'too_many') {
    throw NOTIFICATIONS_ERRORS.notificationTooMany.error(
      undefined,
      'Too many open notification streams for this account.',
    );
  }
  if (unsubscribe === 'stopping') throw HUB_KERNEL_ERRORS.serviceUnavailable.error();
  c.header('Cache-Control', 'no-store');
  const expiry =
    endsInMs === undefined
      ? undefined
      : setTimeout(
          () => {
            open = false;
            wake?.();
          },
          Math.max(0, endsInMs),
        );
  expiry?.unref?.();
  return streamSSE(c, async (stream) => {
    stream.onAbort(() => {
      open = false;
      wake?.();
    });
    try {
      await stream.writeSSE({ event: 'unread', data: JSON.stringify({ unread: await unread(accountId) }) });
      while (open) {
        if (updates.length === 0) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            const heartbeat = setTimeout(resolve, HEARTBEAT_MS);
            heartbeat.unref?.();
          });
          wake = undefined;
        }
        if (!open) break;
        const latest = updates.splice(0).at(-1);
        if (latest === undefined) await stream.write(': ping\n\n');
        else await stream.writeSSE({ event: 'unread', data: JSON.stringify({ unread: latest }) });
      }
    } finally {
      clearTimeout(expiry);
      unsubscribe();
    }
  });
}

/** The signed-in user's bell (`/api/notifications`), its live unread count, and its preferences. */
export function notificationRoutes({
  notifications,
  streams,
}: {
  notifications: Notifications;
  streams: NotificationStreams;
}) {
  const me = (c: Parameters<typeof authOf>[0]) => authOf(c).account.id;
  const unread = async (id: string) => ({ unread: await notifications.unread(id) });
  return endpointRoutes<HubEnv>('/api')
    .on(notificationsApi.list, requireSession, noStore, async (c, { query }) =>
      c.json(await notifications.list(me(c), query)),
    )
    .on(notificationsApi.unread, requireSession, noStore, async (c) => c.json(await unread(me(c))))
    .on(notificationsApi.stream, requireSession, (c) =>
      unreadStream(c, { accountId: me(c), streams, unread: notifications.unread }),
    )
    .on(notificationsApi.markAllRead, requireSession, async (c) => {
      await notifications.markAllRead(me(c));
      return c.json(await unread(me(c)));
    })
    .on(notificationsApi.preferences, requireSession, noStore, async (c) =>
      c.json(await notifications.preferences(me(c))),
    )
    .on(notificationsApi.updatePreferences, requireSession, async (c, { body }) =>
      c.json(await notifications.updatePreferences(me(c), body)),
    )
    .on(notificationsApi.markRead, requireSession, knownId, async (c, { params }) => {
      await notifications.markRead(me(c), params.id);
      return c.json(await unread(me(c)));
    })
    .on(notificationsApi.remove, requireSession, knownId, async (c, { params }) => {
      await notifications.remove(me(c), params.id);
      return c.json(await unread(me(c)));
    }).app;
}

/** `POST /api/v1/notifications`: a service notifies an account (its own token, scope `notifications:write`). */
export function notifyServiceRoutes(deps: {
  tokens: Pick<Tokens, 'verifyAccessToken'>;
  clients: Pick<Clients, 'get'>;
  issuer: string;
  notifications: Notifications;
}) {
  const routes = endpointRoutes<ServiceApiEnv>(SERVICE_API_BASE);
  // Only on this route: the rest of `/api/v1` has its own body limit and authentication (api-v1/routes.ts).
  const path = notificationsApi.notify.path.slice(SERVICE_API_BASE.length);
  routes.app
    .use(
      path,
      limitBody({
        maxSize: 16 * 1024,
        onError: () => {
          throw new AppError(413, 'request.too_large', 'A notification is at most 16 KiB.');
        },
      }),
    )
    .use(path, serviceBearer(deps));
  return routes.on(notificationsApi.notify, requireScope('notifications:write'), async (c, { body }) =>
    c.json(await deps.notifications.notify(c.get('caller').clientId, body), 202),
  ).app;
}
