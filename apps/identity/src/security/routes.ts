import { asc, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { isAccountNumber } from '../accounts/account-number.js';
import { type AccountView, type IdentityDb, viewAccount } from '../accounts/accounts.js';
import { requirePermission } from '../admin/guards.js';
import { rolesArray } from '../admin/roles.js';
import { type AccountRow, accounts } from '../db/schema.js';
import type { HubEnv } from '../env.js';
import { AppError } from '../http/errors.js';
import { readQuery } from '../http/validate.js';
import { passkeys } from '../passkeys/schema.js';
import { authOf, requireSession } from '../sessions/middleware.js';
import type { SecurityLog } from './log.js';

const ADMIN_SEARCH_LIMIT = 50;

/** An empty query parameter (`?before=`) counts as absent. */
const blankAsAbsent = (v: unknown) => (v === '' ? undefined : v);

const pageQuery = z.object({
  before: z.preprocess(blankAsAbsent, z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional()),
  limit: z.preprocess(blankAsAbsent, z.coerce.number().int().min(1).max(100).default(50)),
});

const searchQuery = z.object({ q: z.string().trim().max(320).default('') });

const accountId = z.uuid();

/** What an admin sees of an account in a search. */
export interface AdminAccountSummary
  extends Pick<
    AccountView,
    'id' | 'accountNumber' | 'handle' | 'displayName' | 'email' | 'roles' | 'createdAt'
  > {
  passkeyCount: number;
}

/** A correlated count (drizzle's `$count` qualifies both columns, which a plain `sql` template does not). */
const passkeyCountOf = (db: IdentityDb) => db.$count(passkeys, eq(passkeys.accountId, accounts.id));

/** `%`, `_` and the escape character itself match literally (Postgres' default LIKE escape is `\`). */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/**
 * What an admin's search matches: the account number exactly, or the handle, email or display name containing
 * the text (case-insensitive); and a rank that puts exact matches first, then prefix matches.
 */
function matching(q: string): { where: SQL | undefined; rank: SQL } {
  const text = q.toLowerCase();
  const contains = `%${escapeLike(text)}%`;
  const prefix = `${escapeLike(text)}%`;
  const number = isAccountNumber(q) ? Number(q) : undefined;
  return {
    where: or(
      number === undefined ? undefined : eq(accounts.accountNumber, number),
      ilike(accounts.handle, contains),
      ilike(accounts.email, contains),
      ilike(accounts.displayName, contains),
    ),
    rank: sql`case
      when ${accounts.accountNumber} = ${number ?? -1} or ${accounts.handle} = ${text}
        or lower(${accounts.email}) = ${text} then 0
      when ${accounts.handle} like ${prefix} or lower(${accounts.email}) like ${prefix}
        or lower(${accounts.displayName}) like ${prefix} then 1
      else 2 end`,
  };
}

/** Up to 50 accounts matching the search, best first; the newest accounts when the search is empty. */
async function searchAccounts(db: IdentityDb, q: string): Promise<AdminAccountSummary[]> {
  const match = q === '' ? undefined : matching(q);
  const rows = await db
    .select({ account: accounts, roles: rolesArray, passkeyCount: passkeyCountOf(db) })
    .from(accounts)
    .where(match?.where)
    .orderBy(
      ...(match ? [match.rank, asc(accounts.handle)] : [desc(accounts.createdAt), asc(accounts.handle)]),
    )
    .limit(ADMIN_SEARCH_LIMIT);
  return rows.map(({ account, roles, passkeyCount }) => {
    const { id, accountNumber, handle, displayName, email, createdAt } = viewAccount(account, roles);
    return { id, accountNumber, handle, displayName, email, roles, createdAt, passkeyCount };
  });
}

/** The account an admin route names; 404 `account.not_found` for an unknown id or one that isn't a uuid. */
async function accountFor(
  db: IdentityDb,
  id: string,
): Promise<{ account: AccountRow; roles: string[]; passkeyCount: number }> {
  const parsed = accountId.safeParse(id);
  const [row] = parsed.success
    ? await db
        .select({ account: accounts, roles: rolesArray, passkeyCount: passkeyCountOf(db) })
        .from(accounts)
        .where(eq(accounts.id, parsed.data))
    : [];
  if (!row) throw new AppError(404, 'account.not_found', 'No such account.');
  return row;
}

/** Security logs and admin account look-ups are personal and change constantly: never cached. */
const noStore: MiddlewareHandler<HubEnv> = async function noStore(c, next) {
  await next();
  c.header('Cache-Control', 'no-store');
};

/** The signed-in user's security log, and for staff (`accounts:read`): finding accounts and reading their security log. */
export function securityLogRoutes({ securityLog, db }: { securityLog: SecurityLog; db: IdentityDb }) {
  return new Hono<HubEnv>()
    .get('/me/security-log', requireSession, noStore, async (c) => {
      const page = readQuery(c, pageQuery);
      return c.json(await securityLog.list(authOf(c).account.id, page));
    })
    .get('/admin/accounts', requireSession, requirePermission('accounts:read'), noStore, async (c) => {
      const { q } = readQuery(c, searchQuery);
      return c.json({ accounts: await searchAccounts(db, q) });
    })
    .get('/admin/accounts/:id', requireSession, requirePermission('accounts:read'), noStore, async (c) => {
      const { account, roles, passkeyCount } = await accountFor(db, c.req.param('id'));
      return c.json({ account: { ...viewAccount(account, roles), passkeyCount } });
    })
    .get('/admin/accounts/:id/security-log', requireSession, requirePermission('accounts:read'), noStore, async (c) => {
      const { account } = await accountFor(db, c.req.param('id'));
      const page = readQuery(c, pageQuery);
      return c.json(await securityLog.list(account.id, page));
    });
}
