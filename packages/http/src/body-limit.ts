import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/**
 * Hono's `bodyLimit` for requests that can carry a body. Hono's reads `c.req.raw.body` first, which makes
 * `@hono/node-server` build the whole fetch `Request` (headers copied, an `AbortController`, a stream) even for a
 * GET, whose body the Fetch standard makes null anyway: about a twentieth of a small GET's CPU at the hub. GET and
 * HEAD pass straight on; every other method is limited as before.
 */
export function limitBody(options: Parameters<typeof bodyLimit>[0]): MiddlewareHandler {
  const limit = bodyLimit(options);
  return function limitBody(c, next) {
    const method = c.req.method;
    return method === 'GET' || method === 'HEAD' ? next() : limit(c, next);
  };
}
