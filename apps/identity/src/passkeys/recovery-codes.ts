import { randomInt } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { hashPassword, verifyPassword } from '../accounts/index.js';
import type { Clock } from '../clock.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import { recoveryCodes } from './schema.js';

/** 31 letters and digits with no look-alikes (no 0/o, 1/l/i): 10 of them carry ~49.5 bits. */
const ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
export const RECOVERY_CODE_COUNT = 10;
const CODE_LENGTH = 10;

/** A fresh code, shown as `xxxxx-xxxxx`. */
export function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** What the user typed, as it was hashed: lower case, without spaces or dashes; undefined when it can't be a code. */
export function normalizeRecoveryCode(input: string): string | undefined {
  const code = input.toLowerCase().replace(/[\s-]/g, '');
  if (code.length !== CODE_LENGTH) return undefined;
  for (const ch of code) if (!ALPHABET.includes(ch)) return undefined;
  return code;
}

/**
 * One-time recovery codes, hashed with argon2id like passwords: a stolen database doesn't give them away. There
 * are at most ten per account, so checking one means at most ten argon2 verifications, run in parallel.
 */
export function createRecoveryCodes({ db, clock }: { db: IdentityDb; clock: Clock }) {
  return {
    /** Replaces the account's codes with ten new ones; answers them (to be shown once). */
    async generate(accountId: string, q: Queryable = db): Promise<string[]> {
      const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
      const hashes = await Promise.all(codes.map((code) => hashPassword(normalizeRecoveryCode(code)!)));
      const now = clock.now();
      await q.delete(recoveryCodes).where(eq(recoveryCodes.accountId, accountId));
      await q
        .insert(recoveryCodes)
        .values(hashes.map((codeHash) => ({ accountId, codeHash, createdAt: now })));
      return codes;
    },

    async deleteAll(accountId: string, q: Queryable = db): Promise<void> {
      await q.delete(recoveryCodes).where(eq(recoveryCodes.accountId, accountId));
    },

    async status(
      accountId: string,
      q: Queryable = db,
    ): Promise<{ remaining: number; generatedAt: string | null }> {
      const [row] = await q
        .select({
          remaining: sql<number>`count(*) filter (where ${recoveryCodes.usedAt} is null)::int`,
          generatedAt: sql<Date | string | null>`min(${recoveryCodes.createdAt})`,
        })
        .from(recoveryCodes)
        .where(eq(recoveryCodes.accountId, accountId));
      const generatedAt = row?.generatedAt ? new Date(row.generatedAt).toISOString() : null;
      return { remaining: row?.remaining ?? 0, generatedAt };
    },

    /**
     * Spends the code if it is one of the account's unused codes; answers how many remain, or undefined when it
     * isn't. Two requests racing with the same code: only one marks it used.
     */
    async spend(accountId: string, input: string): Promise<number | undefined> {
      const code = normalizeRecoveryCode(input);
      if (!code) return undefined;
      const unused = await db
        .select({ id: recoveryCodes.id, codeHash: recoveryCodes.codeHash })
        .from(recoveryCodes)
        .where(and(eq(recoveryCodes.accountId, accountId), isNull(recoveryCodes.usedAt)))
        .orderBy(asc(recoveryCodes.createdAt));
      const matches = await Promise.all(unused.map((row) => verifyPassword(row.codeHash, code)));
      const match = unused[matches.indexOf(true)];
      if (!match) return undefined;
      const spent = await db
        .update(recoveryCodes)
        .set({ usedAt: clock.now() })
        .where(and(eq(recoveryCodes.id, match.id), isNull(recoveryCodes.usedAt)))
        .returning({ id: recoveryCodes.id });
      if (spent.length === 0) return undefined;
      return unused.length - 1;
    },
  };
}

export type RecoveryCodes = ReturnType<typeof createRecoveryCodes>;
