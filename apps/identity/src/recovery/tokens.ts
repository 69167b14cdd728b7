import { and, count, eq, gt, isNull, ne } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import { randomToken, sha256 } from '../crypto.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import { type EmailTokenPurpose, type EmailTokenRow, emailTokens } from './schema.js';

/** Where each link leads: a portal page that shows a button, since a GET must never spend a token. */
const PAGES: Record<EmailTokenPurpose, string> = {
  verify: '/verify-email',
  undo_change: '/email/undo',
  password_reset: '/reset-password',
};

/**
 * One-time email links. The token (256 random bits) goes out in the link and only its SHA-256 is stored; a token
 * is live until it is spent or expires, and spending is one conditional UPDATE, so two clicks can't both win.
 */
export function createEmailTokens({ db, clock, issuer }: { db: IdentityDb; clock: Clock; issuer: string }) {
  const live = (token: string, purpose: EmailTokenPurpose) =>
    and(
      eq(emailTokens.tokenHash, sha256(token)),
      eq(emailTokens.purpose, purpose),
      isNull(emailTokens.usedAt),
      gt(emailTokens.expiresAt, clock.now()),
    );

  return {
    /** Stores a new token's hash; answers the absolute link to its page and when it expires. */
    async issue(
      input: { accountId: string; purpose: EmailTokenPurpose; address: string; lifetimeMs: number },
      q: Queryable = db,
    ): Promise<{ link: string; expiresAt: Date }> {
      const token = randomToken();
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + input.lifetimeMs);
      await q.insert(emailTokens).values({
        accountId: input.accountId,
        purpose: input.purpose,
        address: input.address,
        tokenHash: sha256(token),
        createdAt: now,
        expiresAt,
      });
      return { link: `${issuer}${PAGES[input.purpose]}?token=${token}`, expiresAt };
    },

    /** The live token, without spending it (the page asks before it shows its button). */
    async find(token: string, purpose: EmailTokenPurpose, q: Queryable = db) {
      const [row] = await q.select().from(emailTokens).where(live(token, purpose));
      return row as EmailTokenRow | undefined;
    },

    /** Spends the token if it is still live; undefined when it was used, expired, or never existed. */
    async spend(token: string, purpose: EmailTokenPurpose, q: Queryable = db) {
      const [row] = await q
        .update(emailTokens)
        .set({ usedAt: clock.now() })
        .where(live(token, purpose))
        .returning();
      return row as EmailTokenRow | undefined;
    },

    /** Spends every other live token of the account for this purpose (an older link must not outlive the use). */
    async spendAll(accountId: string, purpose: EmailTokenPurpose, q: Queryable = db, except?: string) {
      await q
        .update(emailTokens)
        .set({ usedAt: clock.now() })
        .where(
          and(
            eq(emailTokens.accountId, accountId),
            eq(emailTokens.purpose, purpose),
            isNull(emailTokens.usedAt),
            except ? ne(emailTokens.id, except) : undefined,
          ),
        );
    },

    /** How many tokens of this purpose the account was sent since `since` (the per-account mail limits). */
    async countSince(accountId: string, purpose: EmailTokenPurpose, since: Date, q: Queryable = db) {
      const [row] = await q
        .select({ n: count() })
        .from(emailTokens)
        .where(
          and(
            eq(emailTokens.accountId, accountId),
            eq(emailTokens.purpose, purpose),
            gt(emailTokens.createdAt, since),
          ),
        );
      return row?.n ?? 0;
    },
  };
}

export type EmailTokens = ReturnType<typeof createEmailTokens>;
