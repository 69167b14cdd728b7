import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import {
  bioSchema,
  displayNameSchema,
  emailSchema,
  handleSchema,
  localeSchema,
} from '../../accounts/validation.js';
import type { Clock } from '../../clock.js';
import type { HubEnv } from '../../env.js';
import { AppError } from '../../http/errors.js';
import { readJson, readQuery } from '../../http/validate.js';
import { requirePermission, requireSession, requireStaffStepUp } from '../../kernel/guards.js';
import type { StepUpCheck } from '../../passkeys/step-up.js';
import { actorOf } from '../actor.js';
import { accountCsvStream, CSV_EXPORT_MAX_ROWS, csvFileName } from './csv.js';
import type { AccountDetail } from './detail.js';
import { type AccountFilters, type AccountListing, LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX } from './listing.js';
import { type AccountLock, accountNotFound, LOCK_REASON_MAX } from './lock.js';
import type { AccountManagement } from './manage.js';

/** An empty query parameter (`?role=`) counts as absent. */
const blankAsAbsent = (v: unknown) => (v === '' ? undefined : v);
const optional = <S extends z.ZodType>(schema: S) => z.preprocess(blankAsAbsent, schema.optional());

/** An instant (ISO 8601 with an offset), or a day (`YYYY-MM-DD`, UTC) taken from its start or to its end. */
const instant = (end: 'start' | 'end') =>
  optional(
    z.iso
      .datetime({ offset: true })
      .transform((value) => new Date(value))
      .or(
        z.iso
          .date()
          .transform((day) => new Date(`${day}T${end === 'start' ? '00:00:00.000' : '23:59:59.999'}Z`)),
      ),
  );

const filterFields = {
  q: z.string().trim().max(320).default(''),
  role: optional(
    z
      .string()
      .trim()
      .max(100)
      .regex(
        /^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)?$/,
        'a hub role (admin, support) or a service role (news.editor)',
      ),
  ),
  status: optional(z.enum(['active', 'locked', 'unverified'])),
  membership: optional(
    z
      .string()
      .trim()
      .regex(/^(any|none|[a-z][a-z0-9-]{1,31})$/, 'a tier id, any or none'),
  ),
  createdFrom: instant('start'),
  createdTo: instant('end'),
};

const createdInOrder = (query: { createdFrom?: Date | undefined; createdTo?: Date | undefined }) =>
  !(query.createdFrom && query.createdTo) || query.createdFrom <= query.createdTo;
const createdOrderProblem = { path: ['createdTo'], message: 'must not be before createdFrom' };

export const listQuery = z
  .object({
    ...filterFields,
    cursor: optional(z.string().max(512)),
    limit: z.preprocess(
      blankAsAbsent,
      z.coerce.number().int().min(1).max(LIST_LIMIT_MAX).default(LIST_LIMIT_DEFAULT),
    ),
  })
  .refine(createdInOrder, createdOrderProblem);

export const exportQuery = z.object(filterFields).refine(createdInOrder, createdOrderProblem);

const reasonBody = z.object({ reason: z.string().trim().min(1, 'Say why.').max(LOCK_REASON_MAX) }).strict();

/** What staff may change of a profile: the owner's own rules (accounts/validation.ts), plus handle and zone. */
export const profilePatch = z
  .object({
    displayName: displayNameSchema.optional(),
    handle: handleSchema.optional(),
    email: z
      .union([emailSchema, z.literal(''), z.null()])
      .optional()
      .transform((v) => (v === '' ? null : v)),
    bio: bioSchema.optional(),
    locale: localeSchema.optional(),
    timeZone: z.string().trim().min(1).max(64).optional(),
  })
  .strict()
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), {
    message: 'Send at least one field to change.',
  });

const uuid = z.uuid();

/** The `:id` of the route: 404 `account.not_found` for anything that isn't an account id. */
function accountIdOf(c: Context<HubEnv>): string {
  const parsed = uuid.safeParse(c.req.param('id'));
  if (!parsed.success) throw accountNotFound();
  return parsed.data;
}

const filtersOf = ({
  q,
  role,
  status,
  membership,
  createdFrom,
  createdTo,
}: AccountFilters): AccountFilters => ({
  q,
  role,
  status,
  membership,
  createdFrom,
  createdTo,
});

/** Staff answers are personal and change constantly: never cached. */
const noStore: MiddlewareHandler<HubEnv> = async function noStore(c, next) {
  await next();
  c.header('Cache-Control', 'no-store');
};

/**
 * The staff API for accounts (docs/admin-console.md, "Managing accounts"): the list with its filters and CSV
 * export, one account's page, and every write on it — each behind its permission and the staff passkey step-up.
 */
export function adminAccountRoutes(deps: {
  clock: Clock;
  listing: AccountListing;
  detail: AccountDetail;
  lock: AccountLock;
  manage: AccountManagement;
  stepUpCheck: StepUpCheck;
}) {
  const { listing, detail, lock, manage } = deps;
  const read = requirePermission('accounts:read');
  const stepUp = requireStaffStepUp(deps.stepUpCheck);
  const write = requirePermission('accounts:write');
  /** A write's answer: the account's page as it is now. */
  const page = async (c: Context<HubEnv>, id: string, extra: Record<string, unknown> = {}) =>
    c.json({ account: await detail(id), ...extra });

  return new Hono<HubEnv>()
    .get('/admin/accounts', requireSession, read, noStore, async (c) => {
      const { cursor, limit, ...filters } = readQuery(c, listQuery);
      return c.json(await listing.list(filtersOf(filters), { cursor, limit }));
    })
    .get('/admin/accounts.csv', requireSession, read, noStore, async (c) => {
      const filters = filtersOf(readQuery(c, exportQuery));
      const total = await listing.total(filters);
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="${csvFileName(deps.clock.now())}"`);
      c.header('X-Orbit-Export-Total', String(total));
      if (total > CSV_EXPORT_MAX_ROWS) c.header('X-Orbit-Export-Truncated', String(CSV_EXPORT_MAX_ROWS));
      return c.body(accountCsvStream(listing, filters));
    })
    .get('/admin/accounts/:id', requireSession, read, noStore, async (c) => {
      return c.json({ account: await detail(accountIdOf(c)) });
    })
    .post('/admin/accounts/:id/lock', requireSession, write, stepUp, noStore, async (c) => {
      const id = accountIdOf(c);
      const { reason } = await readJson(c, reasonBody);
      const locked = await lock.lock(actorOf(c), id, reason);
      return page(c, id, { sessionsEnded: locked.sessionsEnded, grantsRevoked: locked.grantsRevoked });
    })
    .post(
      '/admin/accounts/:id/unlock',
      requireSession,
      requirePermission('accounts:unlock'),
      stepUp,
      noStore,
      async (c) => {
        const id = accountIdOf(c);
        const { reason } = await readJson(c, reasonBody);
        const unlocked = await lock.unlock(actorOf(c), id, reason);
        return page(c, id, { wasLocked: unlocked.wasLocked, throttleCleared: unlocked.throttleCleared });
      },
    )
    .post('/admin/accounts/:id/sessions/revoke-all', requireSession, write, stepUp, noStore, async (c) => {
      const id = accountIdOf(c);
      const { sessionsEnded } = await manage.revokeAllSessions(actorOf(c), id);
      return page(c, id, { sessionsEnded });
    })
    .post('/admin/accounts/:id/password-reset', requireSession, write, stepUp, noStore, async (c) => {
      const sent = await manage.sendPasswordReset(actorOf(c), accountIdOf(c));
      return c.json({ email: sent.email, expiresAt: sent.expiresAt.toISOString() });
    })
    .post(
      '/admin/accounts/:id/resend-verification',
      requireSession,
      requirePermission('accounts:resend-verification'),
      stepUp,
      noStore,
      async (c) => c.json(await manage.resendVerification(actorOf(c), accountIdOf(c))),
    )
    .delete('/admin/accounts/:id/passkeys/:passkeyId', requireSession, write, stepUp, noStore, async (c) => {
      const id = accountIdOf(c);
      const passkeyId = uuid.safeParse(c.req.param('passkeyId'));
      if (!passkeyId.success)
        throw new AppError(404, 'passkey.not_found', 'No such passkey on this account.');
      const { protectionOff } = await manage.removePasskey(actorOf(c), id, passkeyId.data);
      return page(c, id, { protectionOff });
    })
    .post('/admin/accounts/:id/recovery-codes/reset', requireSession, write, stepUp, noStore, async (c) => {
      const id = accountIdOf(c);
      const { removed } = await manage.resetRecoveryCodes(actorOf(c), id);
      return page(c, id, { removed });
    })
    .patch('/admin/accounts/:id', requireSession, write, stepUp, noStore, async (c) => {
      const id = accountIdOf(c);
      const patch = await readJson(c, profilePatch);
      await manage.updateProfile(actorOf(c), id, patch);
      return page(c, id);
    })
    .delete(
      '/admin/accounts/:id',
      requireSession,
      requirePermission('accounts:delete'),
      stepUp,
      noStore,
      async (c) => {
        const id = accountIdOf(c);
        const { reason } = await readJson(c, reasonBody);
        const removal = await manage.deleteAccount(actorOf(c), id, reason);
        return c.json({ deleted: true, endedMemberships: removal.endedMemberships });
      },
    );
}
