import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import { randomToken, sha256 } from '../crypto.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import { pendingSignIns } from '../passkeys/index.js';

/** How long the second step of a sign-in may take after the password was accepted. */
export const PENDING_SIGN_IN_MS = 10 * 60_000;

export type PendingSignIn = typeof pendingSignIns.$inferSelect;

/**
 * Sign-ins waiting for their second factor. The password step answers a random token (kept by the browser in an
 * http-only cookie; stored hashed); the passkey or recovery-code step completes it exactly once.
 */
export function createPendingSignIns({ db, clock }: { db: IdentityDb; clock: Clock }) {
  return {
    async start(accountId: string, methods: string[]): Promise<{ token: string; expiresAt: Date }> {
      const now = clock.now();
      const token = randomToken();
      const expiresAt = new Date(now.getTime() + PENDING_SIGN_IN_MS);
      await db.delete(pendingSignIns).where(lt(pendingSignIns.expiresAt, now));
      await db
        .insert(pendingSignIns)
        .values({ tokenHash: sha256(token), accountId, methods, createdAt: now, expiresAt });
      return { token, expiresAt };
    },

    /** The live, unfinished sign-in a token names. */
    async resolve(token: string | undefined): Promise<PendingSignIn | undefined> {
      if (!token || token.length > 128) return undefined;
      const [row] = await db
        .select()
        .from(pendingSignIns)
        .where(
          and(
            eq(pendingSignIns.tokenHash, sha256(token)),
            isNull(pendingSignIns.usedAt),
            gt(pendingSignIns.expiresAt, clock.now()),
          ),
        );
      return row;
    },

    /** Marks it finished; false when another request finished it first. */
    async complete(id: string, q: Queryable = db): Promise<boolean> {
      const rows = await q
        .update(pendingSignIns)
        .set({ usedAt: clock.now() })
        .where(and(eq(pendingSignIns.id, id), isNull(pendingSignIns.usedAt)))
        .returning({ id: pendingSignIns.id });
      return rows.length > 0;
    },
  };
}

export type PendingSignIns = ReturnType<typeof createPendingSignIns>;
