import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from 'pino';

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
    // At debug: one line per request is for development (the launcher shows debug) and for tracing a problem;
    // production logs at info keep to what happened, not every request (a proxy's access log has those).
    log.debug(
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

export { isStateChanging, sameOriginWrites } from '@orbit/http';
