import { securityLogApi } from '@orbit/contracts';
import { endpointRoutes } from '@orbit/http';
import { eq } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { accounts } from '../db/schema.js';
import type { HubEnv } from '../env.js';
import { AppError } from '../http/errors.js';
import type { IdentityDb } from '../kernel/db.js';
import { authOf, requirePermission, requireSession } from '../kernel/guards.js';
import type { SecurityLog } from './log.js';

const accountId = z.uuid();

const accountNotFound = () => new AppError(404, 'account.not_found', 'No such account.');

/** The id of the account a staff route names; 404 `account.not_found` for an unknown id or one that isn't a uuid. */
async function existingAccount(db: IdentityDb, id: string): Promise<string> {
  const parsed = accountId.safeParse(id);
  const [row] = parsed.success
    ? await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, parsed.data))
    : [];
  if (!row) throw accountNotFound();
  return row.id;
}

/** Security logs are personal and change constantly: never cached. */
const noStore: MiddlewareHandler<HubEnv> = async function noStore(c, next) {
  await next();
  c.header('Cache-Control', 'no-store');
};

/**
 * The signed-in user's security log, and any account's for staff (`accounts:read`). Finding accounts and reading
 * one are staff's account API (admin/accounts/routes.ts).
 */
export function securityLogRoutes({ securityLog, db }: { securityLog: SecurityLog; db: IdentityDb }) {
  return endpointRoutes<HubEnv>('/api')
    .on(securityLogApi.mine, requireSession, noStore, async (c, { query }) => {
      return c.json(await securityLog.list(authOf(c).account.id, query));
    })
    .on(
      securityLogApi.account,
      requireSession,
      requirePermission('accounts:read'),
      noStore,
      // A path that can't name an account is a 404 before the query is read, as it always was.
      async (c, next) => {
        if (!accountId.safeParse(c.req.param('id')).success) throw accountNotFound();
        await next();
      },
      async (c, { params, query }) =>
        c.json(await securityLog.list(await existingAccount(db, params.id), query)),
    ).app;
}
