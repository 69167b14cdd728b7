import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { HubEnv } from '../env.js';
import { AppError } from '../http/errors.js';
import { readJson, readQuery } from '../http/validate.js';
import { requirePermission, requireSession, requireStaffStepUp } from '../kernel/guards.js';
import type { StepUpCheck } from '../passkeys/step-up.js';
import { actorOf } from './actor.js';
import { AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX, type AuditLog } from './audit.js';
import type { Roles } from './roles.js';

/** An empty query parameter (`?before=`) counts as absent. */
const blankAsAbsent = (v: unknown) => (v === '' ? undefined : v);
const optionalText = (max: number) => z.preprocess(blankAsAbsent, z.string().trim().max(max).optional());
const instant = z.preprocess(
  blankAsAbsent,
  z.iso
    .datetime({ offset: true })
    .or(z.iso.date())
    .transform((value) => new Date(value))
    .optional(),
);

export const auditQuery = z
  .object({
    q: optionalText(200),
    actor: optionalText(200),
    action: z.preprocess(
      blankAsAbsent,
      z
        .string()
        .trim()
        .regex(
          /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*(\.\*)?$/,
          'an action like role.granted, or a prefix like account.*',
        )
        .max(100)
        .optional(),
    ),
    target: optionalText(200),
    from: instant,
    to: instant,
    before: z.preprocess(
      blankAsAbsent,
      z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    ),
    limit: z.preprocess(
      blankAsAbsent,
      z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(AUDIT_PAGE_DEFAULT),
    ),
  })
  .refine((query) => !(query.from && query.to) || query.from < query.to, {
    path: ['to'],
    message: 'must be after from',
  });

const roleName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(
    /^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)?$/,
    'a hub role (admin, support) or a service role (news.editor)',
  );
const roleBody = z.object({ role: roleName }).strict();
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
  return new Hono<HubEnv>()
    .get('/admin/audit', requireSession, requirePermission('audit:read'), noStore, async (c) => {
      const { target, ...query } = readQuery(c, auditQuery);
      return c.json(await audit.search({ ...query, targetId: target }));
    })
    .post('/admin/accounts/:id/roles', requireSession, mayGrant, stepUp, async (c) => {
      const id = accountIdOf(c);
      const { role } = await readJson(c, roleBody);
      const granted = await roles.grant(actorOf(c), id, role);
      return c.json({ roles: granted.roles }, granted.changed ? 201 : 200);
    })
    .delete('/admin/accounts/:id/roles/:role', requireSession, mayGrant, stepUp, async (c) => {
      const id = accountIdOf(c);
      const role = roleName.safeParse(c.req.param('role'));
      if (!role.success) throw new AppError(404, 'role.not_held', 'The account does not hold this role.');
      return c.json(await roles.revoke(actorOf(c), id, role.data));
    });
}
