/**
 * The browser session as the portal reads it (`GET /api/session`): the account, what its roles let it do in the
 * console, the session itself and the CSRF token every write carries. ACR values are in `oidc.ts`.
 */
import { z } from 'zod';
import { accountView } from './accounts.js';

/** What a staff member may do in the admin API and console; the hub checks again on every request. */
export const PERMISSIONS = [
  'accounts:read',
  'accounts:unlock',
  'accounts:resend-verification',
  'accounts:write',
  'accounts:delete',
  'roles:write',
  'membership:write',
  'services:write',
  'clients:write',
  'audit:read',
  'outbox:read',
  'tiers:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const instant = z.string().describe('ISO 8601 date-time');

/** One signed-in browser or device. */
export const sessionView = z
  .object({
    id: z.uuid(),
    /** The session this request came with. */
    current: z.boolean(),
    /** A short description of the browser and system, from the user agent. */
    device: z.string(),
    userAgent: z.string(),
    ip: z.string().nullable(),
    /** RFC 8176 `amr` values: how the session was authenticated (`pwd`, `hwk`, `swk`, `user`, `otp`, `mfa`). */
    authMethods: z.array(z.string()),
    /** `urn:orbit:acr:passkey` once the session made a passkey assertion, else `urn:orbit:acr:password`. */
    acr: z.string(),
    authTime: instant,
    /** When the session last made a passkey assertion (sign-in or step-up). */
    passkeyAt: instant.nullable(),
    /** Until when the last step-up lets this session do sensitive actions; null when there is none. */
    stepUpExpiresAt: instant.nullable(),
    createdAt: instant,
    lastSeenAt: instant,
    expiresAt: instant,
  })
  .meta({ id: 'Session', description: 'One signed-in browser or device.' });
export type SessionView = z.infer<typeof sessionView>;

/** `GET /api/session`: who is signed in, in this browser. */
export const sessionAnswer = z
  .object({
    account: accountView,
    permissions: z.array(z.enum(PERMISSIONS)),
    session: sessionView,
    /** Send as `X-CSRF-Token` on every state-changing request. */
    csrfToken: z.string(),
  })
  .meta({ id: 'CurrentSession', description: 'The signed-in account, its permissions and this session.' });
export type SessionAnswer = z.infer<typeof sessionAnswer>;
