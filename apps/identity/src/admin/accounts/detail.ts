import type { AdminAccountDetail } from '@orbit/contracts';
import { asc, eq } from 'drizzle-orm';
import { accounts } from '../../db/schema.js';
import type { IdentityDb } from '../../kernel/db.js';
import type { RecoveryCodes } from '../../passkeys/index.js';
import { passkeys } from '../../passkeys/index.js';
import type { Sessions } from '../../sessions/index.js';
import type { AccountListing } from './listing.js';
import { accountNotFound } from './lock.js';

/** One account as staff see it on its page: the summary, the profile, and what protects it (never a secret). */
export type { AdminAccountDetail };

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** Reads an account's page for staff, in a handful of indexed queries. */
export function createAccountDetail(deps: {
  db: IdentityDb;
  listing: Pick<AccountListing, 'summary'>;
  sessions: Pick<Sessions, 'list'>;
  recoveryCodes: Pick<RecoveryCodes, 'status'>;
}) {
  const { db } = deps;
  return async function accountDetail(id: string): Promise<AdminAccountDetail> {
    const found = await deps.listing.summary(id);
    if (!found) throw accountNotFound();
    const { row } = found;
    const [keys, codes, live, locker] = await Promise.all([
      db
        .select({
          id: passkeys.id,
          name: passkeys.name,
          createdAt: passkeys.createdAt,
          lastUsedAt: passkeys.lastUsedAt,
        })
        .from(passkeys)
        .where(eq(passkeys.accountId, id))
        .orderBy(asc(passkeys.createdAt)),
      deps.recoveryCodes.status(id),
      deps.sessions.list(id),
      row.lockedBy
        ? db.select({ handle: accounts.handle }).from(accounts).where(eq(accounts.id, row.lockedBy))
        : Promise.resolve([]),
    ]);
    return {
      ...found.view,
      ...found.summary,
      timeZone: row.timeZone,
      passkeys: keys.map((key) => ({
        id: key.id,
        name: key.name,
        createdAt: key.createdAt.toISOString(),
        lastUsedAt: iso(key.lastUsedAt),
      })),
      recoveryCodesLeft: codes.remaining,
      sessions: live.length,
      lockedAt: iso(row.lockedAt),
      lockedBy: row.lockedAt
        ? { accountId: row.lockedBy, label: locker[0] ? `@${locker[0].handle}` : null }
        : null,
    };
  };
}

export type AccountDetail = ReturnType<typeof createAccountDetail>;
