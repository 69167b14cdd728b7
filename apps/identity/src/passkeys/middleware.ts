import type { MiddlewareHandler } from 'hono';
import type { HubEnv } from '../env.js';
import { authOf } from '../sessions/middleware.js';
import type { StepUpCheck } from './step-up.js';

/**
 * Guards a sensitive route: `401 step_up_required` unless the session made a passkey assertion within the last
 * five minutes (when the account has a passkey). Use after `requireSession`.
 */
export function requireStepUp(check: StepUpCheck): MiddlewareHandler<HubEnv> {
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
export function requireMayAddPasskey(check: StepUpCheck): MiddlewareHandler<HubEnv> {
  return async function requireMayAddPasskey(c, next) {
    const { account, session } = authOf(c);
    await check.assertMayAddPasskey(account.id, session);
    await next();
  };
}
