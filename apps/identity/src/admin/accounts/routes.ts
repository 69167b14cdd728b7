import { adminAccountsApi } from '@orbit/contracts';
import { endpointRoutes } from '@orbit/http';
import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { Clock } from '../../clock.js';
import type { HubEnv } from '../../env.js';
import { AppError } from '../../http/errors.js';
import { actorOf } from '../../kernel/actor.js';
import { requirePermission, requireSession, requireStaffStepUp } from '../../kernel/guards.js';
import type { StepUpCheck } from '../../passkeys/index.js';
import { accountCsvStream, CSV_EXPORT_MAX_ROWS, csvFileName } from './csv.js';
import type { AccountDetail } from './detail.js';
import type { AccountFilters, AccountListing } from './listing.js';
import { type AccountLock, accountNotFound } from './lock.js';
import type { AccountManagement } from './manage.js';

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

  // A path that names no account is a 404 before the body is read, as it always was.
  const accountPath: MiddlewareHandler<HubEnv> = async (c, next) => {
    accountIdOf(c);
    await next();
  };
  const api = adminAccountsApi;

  return endpointRoutes<HubEnv>('/api')
    .on(api.list, requireSession, read, noStore, async (c, { query }) => {
      const { cursor, limit, ...filters } = query;
      return c.json(await listing.list(filtersOf(filters), { cursor, limit }));
    })
    .on(api.exportCsv, requireSession, read, noStore, async (c, { query }) => {
      const filters = filtersOf(query);
      const total = await listing.total(filters);
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="${csvFileName(deps.clock.now())}"`);
      c.header('X-Orbit-Export-Total', String(total));
      if (total > CSV_EXPORT_MAX_ROWS) c.header('X-Orbit-Export-Truncated', String(CSV_EXPORT_MAX_ROWS));
      return c.body(accountCsvStream(listing, filters));
    })
    .on(api.get, requireSession, read, noStore, async (c) => {
      return c.json({ account: await detail(accountIdOf(c)) });
    })
    .on(api.lock, requireSession, write, stepUp, noStore, accountPath, async (c, { body: { reason } }) => {
      const id = accountIdOf(c);
      const locked = await lock.lock(actorOf(c), id, reason);
      return page(c, id, { sessionsEnded: locked.sessionsEnded, grantsRevoked: locked.grantsRevoked });
    })
    .on(
      api.unlock,
      requireSession,
      requirePermission('accounts:unlock'),
      stepUp,
      noStore,
      accountPath,
      async (c, { body: { reason } }) => {
        const id = accountIdOf(c);
        const unlocked = await lock.unlock(actorOf(c), id, reason);
        return page(c, id, { wasLocked: unlocked.wasLocked, throttleCleared: unlocked.throttleCleared });
      },
    )
    .on(api.revokeAllSessions, requireSession, write, stepUp, noStore, async (c) => {
      const id = accountIdOf(c);
      const { sessionsEnded } = await manage.revokeAllSessions(actorOf(c), id);
      return page(c, id, { sessionsEnded });
    })
    .on(api.sendPasswordReset, requireSession, write, stepUp, noStore, async (c) => {
      const sent = await manage.sendPasswordReset(actorOf(c), accountIdOf(c));
      return c.json({ email: sent.email, expiresAt: sent.expiresAt.toISOString() });
    })
    .on(
      api.resendVerification,
      requireSession,
      requirePermission('accounts:resend-verification'),
      stepUp,
      noStore,
      async (c) => c.json(await manage.resendVerification(actorOf(c), accountIdOf(c))),
    )
    .on(api.removePasskey, requireSession, write, stepUp, noStore, async (c) => {
      const id = accountIdOf(c);
      const passkeyId = uuid.safeParse(c.req.param('passkeyId'));
      if (!passkeyId.success)
        throw new AppError(404, 'passkey.not_found', 'No such passkey on this account.');
      const { protectionOff } = await manage.removePasskey(actorOf(c), id, passkeyId.data);
      return page(c, id, { protectionOff });
    })
    .on(api.resetRecoveryCodes, requireSession, write, stepUp, noStore, async (c) => {
      const id = accountIdOf(c);
      const { removed } = await manage.resetRecoveryCodes(actorOf(c), id);
      return page(c, id, { removed });
    })
    .on(
      api.updateProfile,
      requireSession,
      write,
      stepUp,
      noStore,
      accountPath,
      async (c, { body: patch }) => {
        const id = accountIdOf(c);
        await manage.updateProfile(actorOf(c), id, patch);
        return page(c, id);
      },
    )
    .on(
      api.remove,
      requireSession,
      requirePermission('accounts:delete'),
      stepUp,
      noStore,
      accountPath,
      async (c, { body: { reason } }) => {
        const id = accountIdOf(c);
        const removal = await manage.deleteAccount(actorOf(c), id, reason);
        return c.json({ deleted: true, endedMemberships: removal.endedMemberships });
      },
    ).app;
}
