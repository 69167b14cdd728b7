import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from 'pino';
import { AppError } from './errors.js';

export interface RequestVariables {
  requestId: string;
  log: Logger;
  clientIp: string | null;
}

/** Attaches a child logger carrying the request id, and logs one line per request when it ends. */
export function requestLogging(logger: Logger): MiddlewareHandler<{ Variables: RequestVariables }> {
  return async function requestLogging(c, next) {
    const log = logger.child({ requestId: c.get('requestId') });
    c.set('log', log);
    const started = performance.now();
    await next();
    // Log the route's pattern, not the raw path, where the path carries a parameter: some (a setup token)
    // are secrets that must not reach the logs.
    const route = routePath(c, -1);
    log.info(
      {
        method: c.req.method,
        ...(route.includes(':') ? { route } : { path: c.req.path }),
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    );
  };
}

/**
 * The client's address: the socket's, or with `trustProxy` the first hop of `X-Forwarded-For` (only behind a
 * proxy that sets it, or clients could pick their own address and dodge per-IP limits).
 */
export function clientAddress(trustProxy: boolean): MiddlewareHandler<{ Variables: RequestVariables }> {
  return async function clientAddress(c, next) {
    c.set('clientIp', readClientIp(c, trustProxy));
    await next();
  };
}

function readClientIp(c: Context, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    const address = getConnInfo(c).remote.address;
    // Dual-stack sockets report IPv4 peers as `::ffff:a.b.c.d`; show and throttle them as the IPv4 address.
    return address?.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1') ?? null;
  } catch {
    return null; // app.request() in tests has no socket
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isStateChanging = (method: string) => !SAFE_METHODS.has(method.toUpperCase());

/**
 * First line of CSRF defence for every state-changing request: a browser that sends `Origin` or
 * `Sec-Fetch-Site` must show the request came from our own origin. This also stops login CSRF, where no
 * session exists yet. Requests a session cookie authenticates are further checked against the session's
 * CSRF token (see sessions/middleware.ts).
 */
export function sameOriginWrites(issuer: string): MiddlewareHandler {
  const ownOrigin = new URL(issuer).origin;
  return async function sameOriginWrites(c, next) {
    if (isStateChanging(c.req.method)) {
      const origin = c.req.header('origin');
      const site = c.req.header('sec-fetch-site');
      if ((origin && origin !== ownOrigin) || site === 'cross-site' || site === 'same-site') {
        throw new AppError(403, 'csrf.cross_origin', 'Cross-origin requests may not change anything here.');
      }
    }
    await next();
  };
}
