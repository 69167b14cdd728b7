import type { AdminAccountPage, AdminAccountSummary } from '@orbit/contracts';
import { ACCOUNT_LIST_LIMIT_DEFAULT, ACCOUNT_LIST_LIMIT_MAX } from '@orbit/contracts';
import {
  and,
  asc,
  count,
  desc,
  eq,
  exists,
  ilike,
  inArray,
  isNotNull,
  isNull,
  max,
  ne,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import {
  type AccountView,
  accountRoles,
  isAccountNumber,
  rolesArray,
  viewAccount,
} from '../../accounts/index.js';
import { type AccountRow, accounts, sessions } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { IdentityDb } from '../../kernel/db.js';
import { subscriptions, tiers } from '../../membership/index.js';
import { passkeys } from '../../passkeys/index.js';

/** The list's filters (`GET /api/admin/accounts` and its CSV export). */
export interface AccountFilters {
  /** Text: the account number exactly, or part of the handle, email or display name (case-insensitive). */
  q?: string | undefined;
  /** Accounts holding this role (`admin`, `support`, `news.editor`). */
  role?: string | undefined;
  /** `active` (not locked), `locked` (by staff), `unverified` (no verified email, locked or not). */
  status?: 'active' | 'locked' | 'unverified' | undefined;
  /** A tier id (a live membership in it), `any` (some live membership) or `none` (no live membership). */
  membership?: string | undefined;
  /** Created at or after this instant… */
  createdFrom?: Date | undefined;
  /** …and at or before this one. */
  createdTo?: Date | undefined;
}

/** An account as the console lists it (`@orbit/contracts`). */
export type { AdminAccountSummary };

export type AccountPage = AdminAccountPage;

/** Where a page ends: the last row's sort key (its search rank when searching, its creation time and id). */
interface Cursor {
  r?: number | undefined;
  c: string;
  i: string;
}

/** A page's size unless asked, and at most: the API's own, from `@orbit/contracts`. */
export { ACCOUNT_LIST_LIMIT_DEFAULT as LIST_LIMIT_DEFAULT, ACCOUNT_LIST_LIMIT_MAX as LIST_LIMIT_MAX };

const invalidCursor = () =>
  new AppError(400, 'request.invalid', 'The request is not valid.', [
    { path: 'cursor', message: 'This cursor is not one the list gave; start from the first page.' },
  ]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** A cursor the list made (anything else is a 400, never a query with junk in it). */
export function decodeCursor(text: string): Cursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const { r, c, i } = (value ?? {}) as Record<string, unknown>;
  const valid =
    (r === undefined || (typeof r === 'number' && Number.isInteger(r) && r >= 0 && r <= 2)) &&
    typeof c === 'string' &&
    !Number.isNaN(Date.parse(c)) &&
    typeof i === 'string' &&
    UUID.test(i);
  if (!valid) throw invalidCursor();
  return { r: r as number | undefined, c: c as string, i: i as string };
}

/** `%`, `_` and the escape character itself match literally (Postgres' default LIKE escape is `\`). */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/**
 * What a text search matches: the account number exactly, or the handle, email or display name containing the
 * text (case-insensitive); and its rank — exact matches 0, prefix matches 1, the rest 2.
 */
function matching(q: string): { where: SQL | undefined; rank: SQL<number> } {
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
    rank: sql<number>`(case
      when ${accounts.accountNumber} = ${number ?? -1} or ${accounts.handle} = ${text}
        or lower(${accounts.email}) = ${text} then 0
      when ${accounts.handle} like ${prefix} or lower(${accounts.email}) like ${prefix}
        or lower(${accounts.displayName}) like ${prefix} then 1
      else 2 end)`,
  };
}

/*
 * Correlated subqueries are built with the query builder, which qualifies every column ("passkeys"."account_id" =
 * "accounts"."id"); in a plain `sql` template both would render unqualified and `id` would name the inner table's.
 */

/** A live membership: `active`, or `past_due` in its grace period (membership/schema.ts). */
const liveMembership = (db: IdentityDb, tierId?: string) =>
  exists(
    db
      .select({ one: sql`1` })
      .from(subscriptions)
      .where(
        and(
          eq(subscriptions.accountId, accounts.id),
          ne(subscriptions.status, 'ended'),
          tierId === undefined ? undefined : eq(subscriptions.tierId, tierId),
        ),
      ),
  );

function conditions(
  db: IdentityDb,
  filters: AccountFilters,
  match: ReturnType<typeof matching> | undefined,
): SQL[] {
  const where: SQL[] = [];
  if (match?.where) where.push(match.where);
  if (filters.role) {
    where.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(accountRoles)
          .where(and(eq(accountRoles.accountId, accounts.id), eq(accountRoles.role, filters.role))),
      ),
    );
  }
  if (filters.status === 'active') where.push(isNull(accounts.lockedAt));
  if (filters.status === 'locked') where.push(isNotNull(accounts.lockedAt));
  if (filters.status === 'unverified') where.push(isNull(accounts.emailVerifiedAt));
  if (filters.membership === 'any') where.push(liveMembership(db));
  else if (filters.membership === 'none') where.push(sql`not ${liveMembership(db)}`);
  else if (filters.membership) where.push(liveMembership(db, filters.membership));
  if (filters.createdFrom)
    where.push(sql`${accounts.createdAt} >= ${filters.createdFrom.toISOString()}::timestamptz`);
  if (filters.createdTo)
    where.push(sql`${accounts.createdAt} <= ${filters.createdTo.toISOString()}::timestamptz`);
  return where;
}

/** Rows after the cursor in the list's order: (rank asc,) created_at desc, id desc. */
function after(cursor: Cursor, rank: SQL<number> | undefined): SQL {
  const older = sql`(${accounts.createdAt}, ${accounts.id}) < (${cursor.c}::timestamptz, ${cursor.i}::uuid)`;
  if (!rank || cursor.r === undefined) return older;
  return sql`(${rank} > ${cursor.r} or (${rank} = ${cursor.r} and ${older}))`;
}

/** The account's passkeys, counted (`passkeys_account_idx`). */
const passkeyCountOf = (db: IdentityDb) =>
  sql<number>`(${db
    .select({ n: sql`count(*)::int` })
    .from(passkeys)
    .where(eq(passkeys.accountId, accounts.id))})`;

/** Sessions are kept after they end, so their newest start is the last sign-in (`sessions_account_idx`). */
const lastSignInOf = (db: IdentityDb) =>
  sql<string | Date | null>`(${db
    .select({ at: max(sessions.createdAt) })
    .from(sessions)
    .where(eq(sessions.accountId, accounts.id))})`;

const iso = (value: string | Date | null): string | null =>
  value === null ? null : new Date(value).toISOString();

/** The best live membership of each account: a platform tier first, then the highest rank, then the newest. */
async function membershipsOf(
  db: IdentityDb,
  ids: readonly string[],
): Promise<Map<string, { tierId: string; tierName: string }>> {
  const best = new Map<string, { tierId: string; tierName: string }>();
  if (ids.length === 0) return best;
  const rows = await db
    .select({ accountId: subscriptions.accountId, tierId: tiers.id, tierName: tiers.name })
    .from(subscriptions)
    .innerJoin(tiers, eq(tiers.id, subscriptions.tierId))
    .where(and(inArray(subscriptions.accountId, [...ids]), ne(subscriptions.status, 'ended')))
    .orderBy(sql`(${tiers.scope} = 'platform') desc`, desc(tiers.rank), desc(subscriptions.startedAt));
  for (const row of rows) {
    if (!best.has(row.accountId)) best.set(row.accountId, { tierId: row.tierId, tierName: row.tierName });
  }
  return best;
}

interface ListedRow {
  account: AccountRow;
  roles: string[];
  passkeyCount: number;
  lastSignInAt: string | Date | null;
  rank: number;
}

function summaryOf(row: ListedRow, membership: AdminAccountSummary['membership']): AdminAccountSummary {
  const { account } = row;
  return {
    id: account.id,
    accountNumber: String(account.accountNumber),
    handle: account.handle,
    displayName: account.displayName,
    email: account.email,
    emailVerified: account.emailVerifiedAt !== null,
    roles: [...row.roles].sort(),
    status: account.lockedAt ? 'locked' : 'active',
    lockedReason: account.lockedReason,
    membership,
    passkeyCount: Number(row.passkeyCount),
    createdAt: account.createdAt.toISOString(),
    lastSignInAt: iso(row.lastSignInAt),
  };
}

/**
 * Finding accounts for staff: filters, a stable order (search rank first when searching, then newest first), and
 * pages that continue from an opaque cursor, so rows added or removed meanwhile never repeat or skip a row.
 */
export function createAccountListing({ db }: { db: IdentityDb }) {
  async function page(
    filters: AccountFilters,
    cursor: Cursor | undefined,
    limit: number,
  ): Promise<{ accounts: AdminAccountSummary[]; next: Cursor | null }> {
    const q = filters.q?.trim() ?? '';
    const match = q === '' ? undefined : matching(q);
    const where = conditions(db, filters, match);
    if (cursor) where.push(after(cursor, match?.rank));
    const rows: ListedRow[] = await db
      .select({
        account: accounts,
        roles: rolesArray,
        passkeyCount: passkeyCountOf(db),
        lastSignInAt: lastSignInOf(db),
        rank: match?.rank ?? sql<number>`0`,
      })
      .from(accounts)
      .where(and(...where))
      .orderBy(...(match ? [asc(match.rank)] : []), desc(accounts.createdAt), desc(accounts.id))
      .limit(limit + 1);
    const shown = rows.slice(0, limit);
    const memberships = await membershipsOf(
      db,
      shown.map((row) => row.account.id),
    );
    const last = shown.at(-1);
    return {
      accounts: shown.map((row) => summaryOf(row, memberships.get(row.account.id) ?? null)),
      next:
        rows.length > limit && last
          ? {
              ...(match ? { r: Number(last.rank) } : {}),
              c: last.account.createdAt.toISOString(),
              i: last.account.id,
            }
          : null,
    };
  }

  async function total(filters: AccountFilters): Promise<number> {
    const q = filters.q?.trim() ?? '';
    const where = conditions(db, filters, q === '' ? undefined : matching(q));
    const [row] = await db
      .select({ n: count() })
      .from(accounts)
      .where(and(...where));
    return row?.n ?? 0;
  }

  return {
    /** One page of the accounts matching `filters`, and how many match in all. */
    async list(
      filters: AccountFilters,
      options: { cursor?: string | undefined; limit?: number | undefined } = {},
    ): Promise<AccountPage> {
      const cursor = options.cursor ? decodeCursor(options.cursor) : undefined;
      const limit = Math.min(
        Math.max(options.limit ?? ACCOUNT_LIST_LIMIT_DEFAULT, 1),
        ACCOUNT_LIST_LIMIT_MAX,
      );
      const [found, n] = await Promise.all([page(filters, cursor, limit), total(filters)]);
      return { accounts: found.accounts, nextCursor: found.next ? encodeCursor(found.next) : null, total: n };
    },

    total,

    /** Every matching account, in the list's order, `batch` at a time (the CSV export), up to `max`. */
    async *all(filters: AccountFilters, { batch = 1000, max }: { batch?: number; max: number }) {
      let cursor: Cursor | undefined;
      let sent = 0;
      while (sent < max) {
        const found = await page(filters, cursor, Math.min(batch, max - sent));
        yield found.accounts;
        sent += found.accounts.length;
        if (!found.next) return;
        cursor = found.next;
      }
    },

    /** The summary of one account; undefined when there is none. */
    async summary(
      id: string,
    ): Promise<{ summary: AdminAccountSummary; view: AccountView; row: AccountRow } | undefined> {
      if (!UUID.test(id)) return undefined;
      const [row] = await db
        .select({
          account: accounts,
          roles: rolesArray,
          passkeyCount: passkeyCountOf(db),
          lastSignInAt: lastSignInOf(db),
          rank: sql<number>`0`,
        })
        .from(accounts)
        .where(eq(accounts.id, id));
      if (!row) return undefined;
      const memberships = await membershipsOf(db, [id]);
      return {
        summary: summaryOf(row, memberships.get(id) ?? null),
        view: viewAccount(row.account, row.roles),
        row: row.account,
      };
    },
  };
}

export type AccountListing = ReturnType<typeof createAccountListing>;
