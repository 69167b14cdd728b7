import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../config.js';
import type { Authenticated, HubEnv } from '../env.js';
import { AppError, sessionRequired } from '../http/errors.js';
import { isStateChanging } from '../http/middleware.js';
import { csrfTokenFor, type Sessions } from './sessions.js';

export interface SessionCookie {
  name: string;
  set(c: Context, token: string, expiresAt: Date): void;
  clear(c: Context): void;
}

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

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Requires a live session. Because the cookie authenticates the request, a state-changing method must also
 * carry the session's CSRF token in `X-CSRF-Token` (synchronizer token; OWASP CSRF Prevention Cheat Sheet).
 */
export const requireSession: MiddlewareHandler<HubEnv> = async function requireSession(c, next) {
  const auth = c.get('auth');
  if (!auth) throw sessionRequired();
  if (isStateChanging(c.req.method)) {
    const sent = c.req.header('x-csrf-token') ?? '';
    if (!sameToken(sent, csrfTokenFor(auth.token))) {
      throw new AppError(403, 'csrf.token_invalid', 'The request lacks a valid X-CSRF-Token header.');
    }
  }
  await next();
};

/** The session a `requireSession` route runs under. */
export function authOf(c: Context<HubEnv>): Authenticated {
  const auth = c.get('auth');
  if (!auth) throw sessionRequired();
  return auth;
}
