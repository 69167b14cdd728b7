import type { MiddlewareHandler } from 'hono';
import { AppError } from './errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isStateChanging = (method: string) => !SAFE_METHODS.has(method.toUpperCase());

/**
 * First line of CSRF defence for every state-changing request: a browser that sends `Origin` or
 * `Sec-Fetch-Site` must show the request came from our own origin. This also stops login CSRF, where no
 * session exists yet. Servers calling with a bearer token send neither header and pass.
 */
export function sameOriginWrites(publicUrl: string): MiddlewareHandler {
  const ownOrigin = new URL(publicUrl).origin;
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
