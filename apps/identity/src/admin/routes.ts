import { adminAuditApi, adminRolesApi, roleName } from '@orbit/contracts';
import { endpointRoutes } from '@orbit/http';
import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { HubEnv } from '../env.js';
import { AppError } from '../http/errors.js';
import { actorOf } from '../kernel/actor.js';
import { requirePermission, requireSession, requireStaffStepUp } from '../kernel/guards.js';
import type { StepUpCheck } from '../passkeys/index.js';
import type { AuditLog } from './audit.js';
import type { Roles } from './roles.js';

const accountId = z.uuid();

/** Admin answers are personal and change constantly: never cached. */
const noStore: MiddlewareHandler<HubEnv> = async function noStore(c, next) {
  await next();
  c.header('Cache-Control', 'no-store');
};

function accountIdOf(c: Context<HubEnv>): string {
  const parsed = accountId.safeParse(c.req.param('id'));
  if (!parsed.success) throw new AppError(404, 'account.not_found', 'No such account.');
  return parsed.data;
}

/** Roles of an account (grant, revoke) and the audit log's search. */
export function adminRoutes({
  roles,
  audit,
  stepUpCheck,
}: {
  roles: Roles;
  audit: AuditLog;
  stepUpCheck: StepUpCheck;
}) {
  const mayGrant = requirePermission('roles:write');
  const stepUp = requireStaffStepUp(stepUpCheck);
  // A path that names no account is a 404 before the body is read, as it always was.
  const accountPath: MiddlewareHandler<HubEnv> = async (c, next) => {
    accountIdOf(c);
    await next();
  };
  return endpointRoutes<HubEnv>('/api')
    .on(
      adminAuditApi.search,
      requireSession,
      requirePermission('audit:read'),
      noStore,
      async (c, { query }) => {
        const { target, ...search } = query;
        return c.json(await audit.search({ ...search, targetId: target }));
      },
    )
    .on(adminRolesApi.grant, requireSession, mayGrant, stepUp, accountPath, async (c, { body: { role } }) => {
      const id = accountIdOf(c);
      const granted = await roles.grant(actorOf(c), id, role);
      return c.json({ roles: granted.roles }, granted.changed ? 201 : 200);
    })
    .on(adminRolesApi.revoke, requireSession, mayGrant, stepUp, async (c) => {
      const id = accountIdOf(c);
      const role = roleName.safeParse(c.req.param('role'));
      if (!role.success) throw new AppError(404, 'role.not_held', 'The account does not hold this role.');
      return c.json(await roles.revoke(actorOf(c), id, role.data));
    }).app;
}
