import type { JWTPayload } from 'jose';
import { ownRoles } from './roles.js';

/** The Orbit account a service session belongs to, as the hub's ID token described it at sign-in. */
export interface OrbitUser {
  /** The account's stable id at the hub (a uuid). Key your own data by this, never by handle. */
  sub: string;
  /** The account number, e.g. `"10001"`: what people tell each other. */
  accountNumber: string;
  /** The account's handle, e.g. `alice`. Handles can't be reused, but key data by `sub`. */
  handle: string;
  displayName: string;
  /** Absolute URL of the avatar, or null. */
  picture: string | null;
  /** The hub session this service session came from (for back-channel logout). */
  sid: string | null;
  /**
   * How the hub authenticated the user (`urn:orbit:acr:password`, `urn:orbit:acr:passkey`), from the ID token
   * the hub signed; `requireStepUp()` checks it with `authTime`.
   */
  acr: string | null;
  /**
   * Authentication methods (RFC 8176), from the signed ID token: `pwd` (password), `hwk` (a device-bound
   * passkey), `swk` (a synced passkey), `user` (user verification), `otp` (a recovery code), `mfa` (two or more
   * factors, or a user-verified passkey).
   */
  amr: string[];
  /** When the user last authenticated at the hub. */
  authTime: Date;
  /**
   * The user's roles in this service, by full name (`news.editor`), sorted — as the hub's ID token said at
   * sign-in. `hasRole(user, 'editor')` reads it; `orbit.requireRole()` asks the hub for the roles as they are now.
   */
  roles: string[];
}

/** Acr value for an authentication with a passkey (`requireStepUp` asks for it); declared in contracts. */
export { ACR_PASSKEY } from '@orbit/contracts';

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * Reads an `OrbitUser` from verified ID token claims (scope `openid profile`) issued to service `serviceId`, whose
 * roles alone it keeps.
 */
export function userFromClaims(claims: JWTPayload, now: Date, serviceId: string): OrbitUser {
  const authTime = typeof claims.auth_time === 'number' ? new Date(claims.auth_time * 1000) : now;
  return {
    sub: claims.sub ?? '',
    accountNumber: text(claims.account_number) ?? '',
    handle: text(claims.preferred_username) ?? '',
    displayName: text(claims.name) ?? text(claims.preferred_username) ?? '',
    picture: text(claims.picture) ?? null,
    sid: text(claims.sid) ?? null,
    acr: text(claims.acr) ?? null,
    amr: Array.isArray(claims.amr) ? claims.amr.filter((m): m is string => typeof m === 'string') : [],
    authTime,
    roles: ownRoles(serviceId, claims.roles),
  };
}

/** JSON form of an `OrbitUser`, as a session store keeps it. */
export type StoredUser = Omit<OrbitUser, 'authTime'> & { authTime: string };

export const storeUser = (user: OrbitUser): StoredUser => ({
  ...user,
  authTime: user.authTime.toISOString(),
});
export const loadUser = (stored: StoredUser): OrbitUser => ({
  ...stored,
  // A stored row is JSON, unchecked: a missing acr or amr counts as no assurance, never as an error.
  acr: stored.acr ?? null,
  amr: Array.isArray(stored.amr) ? stored.amr : [],
  // A session stored before roles existed holds none.
  roles: Array.isArray(stored.roles) ? stored.roles : [],
  authTime: new Date(stored.authTime),
});
