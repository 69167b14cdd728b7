/**
 * OpenID Connect values the hub and services share: the ACR values of a session's assurance, and the claims of
 * the membership-change Security Event Tokens the hub pushes to services (RFC 8417 / RFC 8935).
 */
import { z } from 'zod';

/** Assurance of a session signed in with a password (and maybe a recovery code), with no passkey assertion. */
export const ACR_PASSWORD = 'urn:orbit:acr:password';
/** Assurance of a session that made a passkey assertion (at sign-in, or later by step-up). */
export const ACR_PASSKEY = 'urn:orbit:acr:passkey';
/** Every ACR value the hub issues, weakest first (`acr_values_supported`). */
export const ACR_VALUES = [ACR_PASSWORD, ACR_PASSKEY] as const;
export type AcrValue = (typeof ACR_VALUES)[number];

/** The event the hub sends when an account's membership changed (docs/membership.md, "Events"). */
export const MEMBERSHIP_CHANGED_EVENT = 'urn:orbit:event:membership-changed';

/** Why a membership changed; a service refetches entitlements whatever the reason. */
export const MEMBERSHIP_CHANGE_REASONS = [
  'subscribed',
  'renewed',
  'past_due',
  'expired',
  'cancelled',
  'resumed',
  'upgraded',
  'downgrade_scheduled',
  'changed',
  'granted',
  'revoked',
  'level_changed',
  'account_deleted',
] as const;
export type MembershipChangeReason = (typeof MEMBERSHIP_CHANGE_REASONS)[number];

/** The payload of the membership-change event inside a Security Event Token's `events` claim. */
export const membershipChangedEvent = z.object({ reason: z.enum(MEMBERSHIP_CHANGE_REASONS) });
export type MembershipChangedEvent = z.infer<typeof membershipChangedEvent>;

/** The back-channel logout event (OpenID Connect Back-Channel Logout 1.0 §2.4). */
export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
