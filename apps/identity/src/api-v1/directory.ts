import type { Badges, PublicAccount } from '@orbit/contracts';
import { eq, inArray, or, type SQL } from 'drizzle-orm';
import { handleSchema, isAccountNumber, normalizeHandle } from '../accounts/index.js';
import { type AccountRow, accounts } from '../db/schema.js';
import type { IdentityDb } from '../kernel/db.js';
import type { Levels } from '../membership/index.js';
import { userClaims } from '../oidc/index.js';

/** What a service may know about any account, and the badges beside its name: declared in contracts. */
export type { Badges, PublicAccount } from '@orbit/contracts';

const PROFILE = new Set(['profile']);

export function publicAccount(row: AccountRow, issuer: string, badges: Badges | null): PublicAccount {
  // The picture URL is the one the `profile` claims carry, so a service sees the same avatar either way.
  const { picture } = userClaims(row, PROFILE, issuer);
  return {
    sub: row.id,
    accountNumber: String(row.accountNumber),
    handle: row.handle,
    displayName: row.displayName,
    picture: typeof picture === 'string' ? picture : null,
    badges: row.showBadges ? badges : null,
  };
}

type Key = { number: number } | { handle: string };

/**
 * How an identifier names an account: an account number, or a handle (case-insensitive). Emails are not
 * identifiers here: a service must not learn who owns an address.
 */
function keyOf(identifier: string): Key | undefined {
  const value = identifier.trim();
  if (isAccountNumber(value)) return { number: Number(value) };
  if (handleSchema.safeParse(value).success) return { handle: normalizeHandle(value) };
  return undefined;
}

/** Public profiles of accounts, for the service API. */
export function createAccountDirectory({
  db,
  issuer,
  levels,
}: {
  db: IdentityDb;
  issuer: string;
  levels: Pick<Levels, 'ofMany'>;
}) {
  /** The public profiles of these accounts; the levels of those that show badges are read in one go. */
  async function present(rows: AccountRow[]): Promise<Map<string, PublicAccount>> {
    const levelsOf = await levels.ofMany(rows.filter((row) => row.showBadges).map((row) => row.id));
    return new Map(
      rows.map((row) => {
        const level = levelsOf.get(row.id);
        const badges = level ? { vipLevel: level.vipLevel, activityLevel: level.activityLevel } : null;
        return [row.id, publicAccount(row, issuer, badges)];
      }),
    );
  }

  return {
    /**
     * Finds accounts by account number or handle, in one query. Answers each found account under the
     * identifier as given, and the identifiers that name no account.
     */
    async lookup(
      identifiers: string[],
    ): Promise<{ accounts: Record<string, PublicAccount>; unknown: string[] }> {
      const wanted = [...new Set(identifiers)].map((identifier) => ({ identifier, key: keyOf(identifier) }));
      const numbers = wanted.flatMap(({ key }) => (key && 'number' in key ? [key.number] : []));
      const handles = wanted.flatMap(({ key }) => (key && 'handle' in key ? [key.handle] : []));
      const conditions: SQL[] = [];
      if (numbers.length) conditions.push(inArray(accounts.accountNumber, numbers));
      if (handles.length) conditions.push(inArray(accounts.handle, handles));
      const rows = conditions.length
        ? await db
            .select()
            .from(accounts)
            .where(or(...conditions))
        : [];

      const byNumber = new Map(rows.map((row) => [row.accountNumber, row]));
      const byHandle = new Map(rows.map((row) => [row.handle, row]));
      const profiles = await present(rows);
      const found: Record<string, PublicAccount> = {};
      const unknown: string[] = [];
      for (const { identifier, key } of wanted) {
        const row = !key ? undefined : 'number' in key ? byNumber.get(key.number) : byHandle.get(key.handle);
        const profile = row && profiles.get(row.id);
        if (profile) found[identifier] = profile;
        else unknown.push(identifier);
      }
      return { accounts: found, unknown };
    },

    /** The accounts with these ids (`sub`s), in the order asked; ids of no account are left out. */
    async profiles(subs: string[]): Promise<PublicAccount[]> {
      const unique = [...new Set(subs.map((sub) => sub.toLowerCase()))];
      if (unique.length === 0) return [];
      const rows = await db.select().from(accounts).where(inArray(accounts.id, unique));
      const byId = await present(rows);
      return unique.flatMap((sub) => {
        const profile = byId.get(sub);
        return profile ? [profile] : [];
      });
    },

    async exists(sub: string): Promise<boolean> {
      const [row] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, sub));
      return row !== undefined;
    },
  };
}

export type AccountDirectory = ReturnType<typeof createAccountDirectory>;
