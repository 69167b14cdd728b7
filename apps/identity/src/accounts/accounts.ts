import type { AccountView, Gender } from '@orbit/contracts';
import { uniqueViolation } from '@orbit/db';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import { type AccountRow, accounts, avatars, type Locale } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import { drawAccountNumber, isAccountNumber } from './account-number.js';
import { ACCOUNTS_ERRORS } from './errors.js';
import { checkPasswordPolicy, hashPassword } from './passwords.js';
import { insertRoles } from './roles.js';
import { accountRoles } from './schema.js';

export interface NewAccount {
  handle: string;
  displayName: string;
  email?: string | null | undefined;
  password: string;
  /** Roles to hold from the start (`['admin']` for setup's first admin and tests); none unless given. */
  roles?: readonly string[] | undefined;
  /** The language mail to the account is written in (the portal's language at sign-up); English unless given. */
  locale?: Locale | undefined;
}

export interface ProfilePatch {
  displayName?: string | undefined;
  bio?: string | undefined;
  birthday?: string | null | undefined;
  location?: string | undefined;
  gender?: Gender | null | undefined;
  email?: string | null | undefined;
  locale?: Locale | undefined;
}

/** An account as the hub shows it to its owner: declared in contracts (`accountView`). */
export type { AccountView } from '@orbit/contracts';

/** The account as the API shows it, with its roles (`Authenticated.roles`, or `rolesOf`). */
export function viewAccount(row: AccountRow, roles: readonly string[]): AccountView {
  return {
    id: row.id,
    accountNumber: String(row.accountNumber),
    handle: row.handle,
    displayName: row.displayName,
    email: row.email,
    emailVerified: row.emailVerifiedAt !== null,
    pendingEmail: row.pendingEmail,
    bio: row.bio,
    birthday: row.birthday,
    location: row.location,
    gender: row.gender,
    avatarUrl: row.avatarUpdatedAt
      ? `/api/accounts/${row.id}/avatar?v=${row.avatarUpdatedAt.getTime().toString(36)}`
      : null,
    roles: [...roles].sort(),
    locale: row.locale,
    createdAt: row.createdAt.toISOString(),
  };
}

const MAX_NUMBER_DRAWS = 32;

function conflictFor(constraint: string): AppError {
  if (constraint.includes('email')) {
    return new AppError(409, 'account.email_taken', 'An account already uses this email.', [
      { path: 'email', message: 'An account already uses this email.' },
    ]);
  }
  return new AppError(409, 'account.handle_taken', 'This handle is taken.', [
    { path: 'handle', message: 'This handle is taken.' },
  ]);
}

export const normalizeHandle = (handle: string) => handle.trim().toLowerCase();

/** Accounts: creation with a random account number, look-up by any identifier, and profile edits. */
export function createAccounts({ db, clock }: { db: IdentityDb; clock: Clock }) {
  async function insertWithFreshNumber(q: Queryable, input: NewAccount, passwordHash: string) {
    const now = clock.now();
    for (let attempt = 0; attempt < MAX_NUMBER_DRAWS; attempt++) {
      try {
        const [row] = await q
          .insert(accounts)
          .values({
            accountNumber: drawAccountNumber(),
            handle: normalizeHandle(input.handle),
            displayName: input.displayName,
            email: input.email ?? null,
            locale: input.locale ?? 'en',
            passwordHash,
            passwordChangedAt: now,
            createdAt: now,
            updatedAt: now,
          })
          .onConflictDoNothing({ target: accounts.accountNumber })
          .returning();
        if (row) return row;
      } catch (error) {
        const constraint = uniqueViolation(error);
        if (constraint !== undefined) throw conflictFor(constraint);
        throw error;
      }
    }
    throw ACCOUNTS_ERRORS.accountNumberUnavailable.error();
  }

  // On every token, userinfo and sign-in path: built once, and prepared once per connection on PostgreSQL.
  const accountById = db
    .select()
    .from(accounts)
    .where(eq(accounts.id, sql.placeholder('id')))
    .prepare('accounts_by_id');

  return {
    /**
     * Validates the password, hashes it, and inserts the account with its roles. Pass `q` to run inside a
     * transaction.
     */
    async create(input: NewAccount, q?: Queryable): Promise<AccountRow> {
      checkPasswordPolicy(input.password, 'password', [input.handle, input.displayName, input.email ?? '']);
      const passwordHash = await hashPassword(input.password);
      const insert = async (tx: Queryable) => {
        const row = await insertWithFreshNumber(tx, input, passwordHash);
        await insertRoles(tx, row.id, input.roles ?? [], row.createdAt);
        return row;
      };
      if (q) return insert(q);
      return input.roles?.length ? db.transaction(insert) : insert(db);
    },

    async byId(id: string): Promise<AccountRow | undefined> {
      const [row] = await accountById.execute({ id });
      return row;
    },

    /**
     * Finds an account by account number, email (contains `@`) or handle. An address finds its account only once
     * verified: anyone can type any address into a sign-up form.
     */
    async byIdentifier(identifier: string): Promise<AccountRow | undefined> {
      const value = identifier.trim();
      const where = isAccountNumber(value)
        ? eq(accounts.accountNumber, Number(value))
        : value.includes('@')
          ? and(sql`lower(${accounts.email}) = lower(${value})`, isNotNull(accounts.emailVerifiedAt))
          : eq(accounts.handle, normalizeHandle(value));
      const [row] = await db.select().from(accounts).where(where);
      return row;
    },

    async updateProfile(id: string, patch: ProfilePatch, q: Queryable = db): Promise<AccountRow> {
      try {
        const [row] = await q
          .update(accounts)
          .set({ ...patch, updatedAt: clock.now() })
          .where(eq(accounts.id, id))
          .returning();
        if (!row) throw new AppError(404, 'account.not_found', 'No such account.');
        return row;
      } catch (error) {
        const constraint = uniqueViolation(error);
        if (constraint !== undefined) throw conflictFor(constraint);
        throw error;
      }
    },

    /**
     * Sets a new password (policy checked, the account's handle, name and email counting as guessable words) and
     * answers when it was changed.
     */
    async changePassword(id: string, password: string, q: Queryable = db): Promise<void> {
      const [owner] = await q
        .select({ handle: accounts.handle, displayName: accounts.displayName, email: accounts.email })
        .from(accounts)
        .where(eq(accounts.id, id));
      if (!owner) throw new AppError(404, 'account.not_found', 'No such account.');
      checkPasswordPolicy(password, 'newPassword', [owner.handle, owner.displayName, owner.email ?? '']);
      const passwordHash = await hashPassword(password);
      const now = clock.now();
      await q
        .update(accounts)
        .set({ passwordHash, passwordChangedAt: now, updatedAt: now })
        .where(eq(accounts.id, id));
    },

    /** Stores the same password under today's argon2 parameters (not a password change). */
    async replaceHash(id: string, passwordHash: string): Promise<void> {
      await db.update(accounts).set({ passwordHash }).where(eq(accounts.id, id));
    },

    /** Replaces the avatar; the account row's timestamp changes the avatar URL so caches refresh. */
    async setAvatar(id: string, contentType: string, data: Buffer): Promise<AccountRow> {
      return db.transaction(async (tx) => {
        await tx
          .insert(avatars)
          .values({ accountId: id, contentType, data })
          .onConflictDoUpdate({ target: avatars.accountId, set: { contentType, data } });
        const now = clock.now();
        const [row] = await tx
          .update(accounts)
          .set({ avatarUpdatedAt: now, updatedAt: now })
          .where(eq(accounts.id, id))
          .returning();
        if (!row) throw new AppError(404, 'account.not_found', 'No such account.');
        return row;
      });
    },

    async removeAvatar(id: string): Promise<AccountRow> {
      return db.transaction(async (tx) => {
        await tx.delete(avatars).where(eq(avatars.accountId, id));
        const [row] = await tx
          .update(accounts)
          .set({ avatarUpdatedAt: null, updatedAt: clock.now() })
          .where(eq(accounts.id, id))
          .returning();
        if (!row) throw new AppError(404, 'account.not_found', 'No such account.');
        return row;
      });
    },

    async avatar(id: string): Promise<{ contentType: string; data: Buffer } | undefined> {
      const [row] = await db
        .select({ contentType: avatars.contentType, data: avatars.data })
        .from(avatars)
        .where(eq(avatars.accountId, id));
      return row;
    },

    async hasAdmin(q: Queryable = db): Promise<boolean> {
      const rows = await q
        .select({ id: accountRoles.accountId })
        .from(accountRoles)
        .where(eq(accountRoles.role, 'admin'))
        .limit(1);
      return rows.length > 0;
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
