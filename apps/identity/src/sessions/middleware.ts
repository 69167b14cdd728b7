import type { MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../config.js';
import type { Authenticated, HubEnv } from '../env.js';
import type { SessionCookie } from '../kernel/guards.js';
import type { Sessions } from './sessions.js';

/** `__Host-` (which requires Secure, Path=/ and no Domain) when the hub is served over https. */
export function sessionCookie(config: Pick<Config, 'secureCookies'>): SessionCookie {
  const name = config.secureCookies ? '__Host-orbit_session' : 'orbit_session';
  const base = { path: '/', httpOnly: true, sameSite: 'Lax', secure: config.secureCookies } as const;
  return {
    name,
    set(c, token, expiresAt) {
      setCookie(c, name, token, { ...base, expires: expiresAt });
    },
    clear(c) {
      deleteCookie(c, name, base);
    },
  };
}

/** Reads the session cookie, if any, into `c.var.auth`. Never refuses a request by itself. */
export function loadSession(sessions: Sessions, cookie: SessionCookie): MiddlewareHandler<HubEnv> {
  return async function loadSession(c, next) {
    const token = getCookie(c, cookie.name);
    let auth: Authenticated | undefined;
    if (token && token.length <= 128) {
      const found = await sessions.resolve(token, {
        userAgent: c.req.header('user-agent') ?? '',
        ip: c.get('clientIp'),
      });
      if (found) auth = { ...found, token };
    }
    c.set('auth', auth);
    await next();
  };
}
