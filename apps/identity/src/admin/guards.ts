import type { MiddlewareHandler } from 'hono';
import type { HubEnv } from '../env.js';
import { AppError } from '../http/errors.js';
import type { StepUpCheck } from '../passkeys/step-up.js';
import { authOf } from '../sessions/middleware.js';
import { hasPermission, type Permission } from './permissions.js';

export const forbidden = () => new AppError(403, 'auth.forbidden', 'You may not do this.');

/**
 * 403 `auth.forbidden` unless the signed-in account's roles give the permission (admin/permissions.ts). Use after
 * `requireSession`, which has already checked the CSRF token of a write.
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
export function requireStaffStepUp(check: StepUpCheck): MiddlewareHandler<HubEnv> {
  return async function requireStaffStepUp(c, next) {
    const { account, session } = authOf(c);
    await check.assertStaff(account.id, session);
    await next();
  };
}
