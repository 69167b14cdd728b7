import { eq } from 'drizzle-orm';
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { accounts } from '../db/schema.js';
import type { HubEnv } from '../env.js';
import { AppError } from '../http/errors.js';
import { readQuery } from '../http/validate.js';
import type { IdentityDb } from '../kernel/db.js';
import { authOf, requirePermission, requireSession } from '../kernel/guards.js';
import type { SecurityLog } from './log.js';

/** An empty query parameter (`?before=`) counts as absent. */
const blankAsAbsent = (v: unknown) => (v === '' ? undefined : v);

const pageQuery = z.object({
  before: z.preprocess(blankAsAbsent, z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional()),
  limit: z.preprocess(blankAsAbsent, z.coerce.number().int().min(1).max(100).default(50)),
});

const accountId = z.uuid();

/** The id of the account a staff route names; 404 `account.not_found` for an unknown id or one that isn't a uuid. */
async function existingAccount(db: IdentityDb, id: string): Promise<string> {
  const parsed = accountId.safeParse(id);
  const [row] = parsed.success
    ? await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, parsed.data))
    : [];
  if (!row) throw new AppError(404, 'account.not_found', 'No such account.');
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
  return new Hono<HubEnv>()
    .get('/me/security-log', requireSession, noStore, async (c) => {
      const page = readQuery(c, pageQuery);
      return c.json(await securityLog.list(authOf(c).account.id, page));
    })
    .get(
      '/admin/accounts/:id/security-log',
      requireSession,
      requirePermission('accounts:read'),
      noStore,
      async (c) => {
        const id = await existingAccount(db, c.req.param('id'));
        const page = readQuery(c, pageQuery);
        return c.json(await securityLog.list(id, page));
      },
    );
}
