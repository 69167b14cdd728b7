import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Clock } from './hub-connection.js';
import type { SessionStore } from './session-store.js';
import { loadUser, type OrbitUser, storeUser } from './user.js';

export interface SessionLifetimes {
  /** A session unused this long ends (default 8 hours). */
  idleMs: number;
  /** A session ends this long after sign-in, used or not (default 24 hours); the hub signs the user in again. */
  absoluteMs: number;
}

const TOUCH_EVERY_MS = 60_000;
const hash = (value: string) => createHash('sha256').update(value).digest('base64url');

/** The service's own session: an opaque cookie whose hash keys a row in the service's database. */
export function createServiceSessions(options: {
  store: SessionStore;
  clock: Clock;
  cookieName: string;
  secure: boolean;
  lifetimes: SessionLifetimes;
}) {
  const { store, clock, cookieName, lifetimes } = options;
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: options.secure,
  } as const;

  return {
    cookieName,
    /** Starts a session for `user`; `hubTokens` are the hub's tokens for them, sealed (user-tokens.ts). */
    async start(c: Context, user: OrbitUser, idToken: string, hubTokens?: string): Promise<void> {
      const previous = getCookie(c, cookieName);
      if (previous) await store.delete(hash(previous)); // a sign-in always gets a new session id
      const now = clock.now();
      await store.deleteExpired(now);
      const value = randomBytes(32).toString('base64url');
      const absoluteEnd = now.getTime() + lifetimes.absoluteMs;
      const expiresAt = new Date(Math.min(now.getTime() + lifetimes.idleMs, absoluteEnd));
      await store.create({
        idHash: hash(value),
        sub: user.sub,
        sid: user.sid,
        user: storeUser(user),
        idToken,
        hubTokens: hubTokens ?? null,
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
      });
      setCookie(c, cookieName, value, { ...cookieOptions, maxAge: Math.floor(lifetimes.absoluteMs / 1000) });
    },

    /**
     * The signed-in user, or undefined; slides the idle timeout (at most once a minute). `idHash` names the
     * session to the store; `hubTokens` are the user's sealed hub tokens, if it keeps any.
     */
    async current(
      c: Context,
    ): Promise<{ user: OrbitUser; idToken: string; idHash: string; hubTokens: string | null } | undefined> {
      const value = getCookie(c, cookieName);
      if (!value) return undefined;
      const idHash = hash(value);
      const session = await store.get(idHash);
      const now = clock.now();
      if (!session || session.expiresAt <= now) {
        if (session) await store.delete(idHash);
        deleteCookie(c, cookieName, cookieOptions);
        return undefined;
      }
      if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
        const absoluteEnd = session.createdAt.getTime() + lifetimes.absoluteMs;
        await store.touch(idHash, now, new Date(Math.min(now.getTime() + lifetimes.idleMs, absoluteEnd)));
      }
      return {
        user: loadUser(session.user),
        idToken: session.idToken,
        idHash,
        hubTokens: session.hubTokens ?? null,
      };
    },

    /** Keeps refreshed hub tokens for a session (a store without `setHubTokens` keeps them in memory only). */
    async setHubTokens(idHash: string, hubTokens: string): Promise<void> {
      await store.setHubTokens?.(idHash, hubTokens);
    },

    /** Ends the session the request carries; answers its ID token (for the hub's logout), if there was one. */
    async end(c: Context): Promise<string | undefined> {
      const value = getCookie(c, cookieName);
      deleteCookie(c, cookieName, cookieOptions);
      if (!value) return undefined;
      const idHash = hash(value);
      const session = await store.get(idHash);
      await store.delete(idHash);
      return session?.idToken;
    },
  };
}

export type ServiceSessions = ReturnType<typeof createServiceSessions>;
