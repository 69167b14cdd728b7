import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { randomToken, sha256 } from '../../crypto.js';

/**
 * Binds sign-in interactions to the browser that started them. The authorization endpoint gives the browser a
 * random binding cookie when it sends it on to sign-in, step-up or consent, and the interaction stores only the
 * cookie's SHA-256; resuming it (`/oidc/authorize/resume/:id`) and its consent API need the same cookie, so a
 * leaked resume URL replayed in another browser gets "start again" (RFC 9700 §4.7: bind the flow to the user
 * agent). SameSite=Lax so it survives the top-level navigation from the service; HttpOnly; Secure on https.
 * One cookie serves every interaction of the browser (two tabs, two services).
 */
export interface BrowserBinding {
  /** The hash to store with a new interaction: of the browser's cookie, set now when it has none. */
  bind(c: Context): string;
  /** The hash of the browser's cookie, to compare with an interaction's; undefined when it has none. */
  read(c: Context): string | undefined;
}

export function browserBinding(config: { secureCookies: boolean; interactionMs: number }): BrowserBinding {
  const name = config.secureCookies ? '__Host-orbit_interaction' : 'orbit_interaction';
  const valid = (value: string | undefined): value is string =>
    value !== undefined && /^[\w-]{32,64}$/.test(value);
  return {
    bind(c) {
      let value = getCookie(c, name);
      if (!valid(value)) value = randomToken(32);
      // Renewed with each interaction, so it outlives the newest one.
      setCookie(c, name, value, {
        path: '/',
        httpOnly: true,
        sameSite: 'Lax',
        secure: config.secureCookies,
        maxAge: Math.ceil(config.interactionMs / 1000),
      });
      return sha256(value);
    },
    read(c) {
      const value = getCookie(c, name);
      return valid(value) ? sha256(value) : undefined;
    },
  };
}
