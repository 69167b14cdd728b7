import { notificationsApi } from '@orbit/contracts';
import { endpointRoutes, limitBody } from '@orbit/http';
import type { MiddlewareHandler } from 'hono';
import { decodeJwt } from 'jose';
import { SERVICE_API_BASE } from '../api-v1/index.js';
import type { Clock } from '../clock.js';
import type { HubEnv } from '../env.js';
import { AppError } from '../http/errors.js';
import { type Clients, scopeSet, type Tokens } from '../oidc/index.js';
import type { Notifications } from './notifications.js';
import { unreadStream } from './routes.js';
import type { NotificationStreams } from './streams.js';

/** Why a user's bearer token was refused: `details.reason` of the 401, for the SDK and for whoever debugs it. */
export type UserTokenRefusal =
  | 'missing'
  | 'malformed'
  | 'expired'
  | 'invalid'
  | 'not_a_user_token'
  | 'wrong_audience'
  | 'client_disabled';

const descriptions: Record<UserTokenRefusal, string> = {
  missing: 'A bearer access token is required.',
  malformed: 'The Authorization header is not a bearer token.',
  expired: 'The access token has expired.',
  invalid: 'The access token is not valid.',
  not_a_user_token: 'The access token names no user (a client_credentials token).',
  wrong_audience: 'The access token was not issued to the service presenting it for its own user.',
  client_disabled: 'The client is unknown or disabled.',
};

/** RFC 6750 §3: 401 `token.invalid`, the reason in the challenge and in `details`. */
const refused = (reason: UserTokenRefusal) =>
  new AppError(
    401,
    'token.invalid',
    descriptions[reason],
    { reason },
    {
      'WWW-Authenticate':
        reason === 'missing'
          ? 'Bearer realm="orbit"'
          : `Bearer realm="orbit", error="invalid_token", error_description="${descriptions[reason]}"`,
    },
  );

const BEARER = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)$/i;

/** The user a bearer token speaks for, and when it expires (ms since the epoch). */
export interface BearerUser {
  accountId: string;
  clientId: string;
  expiresAt: number;
}
export interface UserApiEnv {
  Variables: HubEnv['Variables'] & { bearerUser: BearerUser };
}

/**
 * Authenticates a user by the access token the hub issued to a service at their sign-in, presented by that
 * service (the SDK's proxy of the service shell's bell): live (signature, expiry, not revoked, its grant not
 * revoked), a user's (it has a grant), addressed to the service it was issued to (audience = client id, never a
 * token exchanged for another service), that client enabled, and with `openid` — as `/oidc/userinfo` asks.
 */
export function userBearer({
  tokens,
  clients,
  clock,
}: {
  tokens: Pick<Tokens, 'verifyAccessToken'>;
  clients: Pick<Clients, 'get'>;
  clock: Clock;
}): MiddlewareHandler<UserApiEnv> {
  return async function userBearer(c, next) {
    const header = c.req.header('authorization');
    if (!header) throw refused('missing');
    const token = BEARER.exec(header.trim())?.[1];
    if (!token) throw refused('malformed');
    const claims = await tokens.verifyAccessToken(token);
    if (!claims) {
      // Only what to say: a token that fails verification is refused either way.
      let exp: unknown;
      try {
        exp = decodeJwt(token).exp;
      } catch {
        exp = undefined;
      }
      throw refused(typeof exp === 'number' && exp * 1000 <= clock.now().getTime() ? 'expired' : 'invalid');
    }
    if (typeof claims.gid !== 'string') throw refused('not_a_user_token');
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (audiences.length !== 1 || audiences[0] !== claims.client_id || claims.act !== undefined) {
      throw refused('wrong_audience');
    }
    const client = await clients.get(claims.client_id);
    if (!client || client.disabledAt) throw refused('client_disabled');
    if (!scopeSet(claims.scope).has('openid')) {
      throw new AppError(
        403,
        'token.insufficient_scope',
        'This call needs the openid scope.',
        { scope: 'openid' },
        { 'WWW-Authenticate': 'Bearer realm="orbit", error="insufficient_scope", scope="openid"' },
      );
    }
    c.set('bearerUser', { accountId: claims.sub, clientId: client.id, expiresAt: claims.exp * 1000 });
    await next();
  };
}

/**
 * `/api/v1/me/notifications…`: the bell of the user whose token a service presents — what the service shell's
 * bell shows on the service's own origin, through its SDK (docs/services.md, "The bell").
 */
export function userNotificationRoutes(deps: {
  tokens: Pick<Tokens, 'verifyAccessToken'>;
  clients: Pick<Clients, 'get'>;
  clock: Clock;
  notifications: Notifications;
  streams: NotificationStreams;
}) {
  const { notifications, streams, clock } = deps;
  const routes = endpointRoutes<UserApiEnv>(SERVICE_API_BASE);
  const base = notificationsApi.userList.path.slice(SERVICE_API_BASE.length);
  const guard = userBearer(deps);
  const noStore: MiddlewareHandler<UserApiEnv> = async function noStore(c, next) {
    await next();
    c.header('Cache-Control', 'no-store');
  };
  routes.app
    .use(
      `${base}/*`,
      limitBody({
        maxSize: 16 * 1024,
        onError: () => {
          throw new AppError(413, 'request.too_large', 'The request body is larger than 16 KiB.');
        },
      }),
    )
    .use(base, guard, noStore)
    .use(`${base}/*`, guard, noStore);
  const me = (c: { get: (key: 'bearerUser') => BearerUser }) => c.get('bearerUser').accountId;
  return routes
    .on(notificationsApi.userList, async (c, { query }) =>
      c.json(await notifications.list(me(c), { limit: query.limit })),
    )
    .on(notificationsApi.userMarkRead, async (c, { body }) => {
      await notifications.markSomeRead(me(c), body);
      return c.json({ unread: await notifications.unread(me(c)) });
    })
    .on(notificationsApi.userStream, (c) =>
      unreadStream(c, {
        accountId: me(c),
        streams,
        unread: notifications.unread,
        endsInMs: c.get('bearerUser').expiresAt - clock.now().getTime(),
      }),
    ).app;
}
