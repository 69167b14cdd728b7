import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { sha256 } from '../crypto.js';
import type { AccountRow, SessionRow } from '../db/schema.js';
import type { Authenticated, HubEnv } from '../env.js';
import { AppError, sessionRequired } from '../http/errors.js';
import { isStateChanging } from '../http/middleware.js';
import { HUB_KERNEL_ERRORS } from './errors.js';
import { hasPermission, type Permission } from './permissions.js';

/**
 * The guards every module's routes use, kept below all modules so that none imports another's routes for them:
 * the session (sessions module), step-up (passkeys module) and permission (admin module) checks. Modules pass
 * their own checks in (`StepUpGate`), so nothing here depends on a module.
 */

/** The browser session cookie; `sessions` makes it (`sessionCookie`), every module that signs in or out uses it. */
export interface SessionCookie {
  name: string;
  set(c: Context, token: string, expiresAt: Date): void;
  clear(c: Context): void;
}

/** The CSRF token of a session: derived from the cookie's token, so the database keeps neither. */
export const csrfTokenFor = (token: string) => sha256(`orbit.csrf:${token}`);

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
      throw HUB_KERNEL_ERRORS.csrfTokenInvalid.error();
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

/** Where a request came from, as the security log and audit record it. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string;
}

export const requestOrigin = (c: Context<HubEnv>): RequestOrigin => ({
  ip: c.get('clientIp'),
  userAgent: c.req.header('user-agent') ?? '',
});

/** The passkeys module's step-up check, as the guards need it (passkeys/step-up.ts implements it). */
export interface StepUpGate {
  /** 401 `step_up_required` unless the session made a passkey assertion lately (when the account has one). */
  assert(accountId: string, session: Pick<SessionRow, 'passkeyAt' | 'passwordAt'>): Promise<void>;
  /** The staff rule: a passkey on the account and a fresh assertion. */
  assertStaff(accountId: string, session: Pick<SessionRow, 'passkeyAt'>): Promise<void>;
  /** Adding a passkey: the step-up, or for the first one the password entered lately. */
  assertMayAddPasskey(
    accountId: string,
    session: Pick<SessionRow, 'passkeyAt' | 'passwordAt'>,
  ): Promise<void>;
}

/**
 * Guards a sensitive route: `401 step_up_required` unless the session made a passkey assertion within the last
 * five minutes (when the account has a passkey). Use after `requireSession`.
 */
export function requireStepUp(check: Pick<StepUpGate, 'assert'>): MiddlewareHandler<HubEnv> {
  return async function requireStepUp(c, next) {
    const { account, session } = authOf(c);
    await check.assert(account.id, session);
    await next();
  };
}

/**
 * Guards adding a passkey: a further one needs the passkey step-up, the first one the password entered in the
 * last five minutes (`401 reauthentication_required`; `POST /api/me/reauthenticate`). Use after `requireSession`.
 */
export function requireMayAddPasskey(
  check: Pick<StepUpGate, 'assertMayAddPasskey'>,
): MiddlewareHandler<HubEnv> {
  return async function requireMayAddPasskey(c, next) {
    const { account, session } = authOf(c);
    await check.assertMayAddPasskey(account.id, session);
    await next();
  };
}

export const forbidden = () => HUB_KERNEL_ERRORS.authForbidden.error();

/**
 * 403 `auth.forbidden` unless the signed-in account's roles give the permission (kernel/permissions.ts). Use
 * after `requireSession`, which has already checked the CSRF token of a write.
 */
export function requirePermission(permission: Permission): MiddlewareHandler<HubEnv> {
  return async function requirePermission(c, next) {
    if (!hasPermission(authOf(c).roles, permission)) throw forbidden();
    await next();
  };
}

/** 403 `auth.forbidden` unless the signed-in account holds the hub role `admin`; use after `requireSession`. */
export const requireAdmin: MiddlewareHandler<HubEnv> = async function requireAdmin(c, next) {
  if (!authOf(c).roles.includes('admin')) {
    throw new AppError(403, 'auth.forbidden', 'Only an admin may do this.');
  }
  await next();
};

/**
 * Guards every admin and support WRITE: the staff account must have a passkey (403 `admin.passkey_required`
 * otherwise) and the session must have made a passkey assertion in the last five minutes (401
 * `step_up_required`, `details.maxAgeSeconds`). A stolen staff session or password alone changes nothing. Use
 * after `requireSession` and `requirePermission`.
 */
export function requireStaffStepUp(check: Pick<StepUpGate, 'assertStaff'>): MiddlewareHandler<HubEnv> {
  return async function requireStaffStepUp(c, next) {
    const { account, session } = authOf(c);
    await check.assertStaff(account.id, session);
    await next();
  };
}

export type { AccountRow, Authenticated };
