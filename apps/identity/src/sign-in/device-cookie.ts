import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../config.js';
import type { DeviceEntry, DeviceTrust } from './device-trust.js';

export interface DeviceCookie {
  /** The valid device entries the browser brought (none when the cookie is absent, forged or expired). */
  read(c: Context): DeviceEntry[];
  /** After a successful sign-in: the browser is remembered as a device of the account. */
  remember(c: Context, accountId: string): void;
}

/**
 * The device cookie: HttpOnly, SameSite=Strict (only the hub's own pages sign in), sent to the API alone, and
 * `__Secure-` with Secure on an https issuer.
 */
export function deviceCookie(
  config: Pick<Config, 'secureCookies' | 'throttle'>,
  trust: DeviceTrust,
): DeviceCookie {
  const name = config.secureCookies ? '__Secure-orbit_device' : 'orbit_device';
  const base = { path: '/api', httpOnly: true, sameSite: 'Strict', secure: config.secureCookies } as const;
  return {
    read: (c) => trust.read(getCookie(c, name)),
    remember(c, accountId) {
      const { value } = trust.remember(getCookie(c, name), accountId);
      // Max-Age, not Expires: the entries carry their own expiry on the hub's clock, and the cookie's lifetime is
      // counted by the browser from now, whatever that clock says (tests move it; a skewed hub clock would too).
      setCookie(c, name, value, { ...base, maxAge: Math.floor(config.throttle.deviceCookieMs / 1000) });
    },
  };
}
