import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import { randomToken, sha256 } from '../crypto.js';
import type { IdentityDb } from '../kernel/db.js';
import { PASSKEYS_ERRORS } from './errors.js';
import { type ChallengePurpose, webauthnChallenges } from './schema.js';

/** A ceremony's challenge stops counting after five minutes (the options' `timeout` says the same). */
export const CHALLENGE_LIFETIME_MS = 5 * 60_000;

export const challengeInvalid = () => PASSKEYS_ERRORS.passkeyChallengeInvalid.error();

/** The `challenge` inside a response's clientDataJSON (base64url JSON), or undefined when it can't be read. */
export function challengeOf(clientDataJSON: unknown): string | undefined {
  if (typeof clientDataJSON !== 'string' || clientDataJSON.length > 8192) return undefined;
  try {
    const data = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as {
      challenge?: unknown;
    };
    return typeof data.challenge === 'string' && data.challenge.length <= 256 ? data.challenge : undefined;
  } catch {
    return undefined;
  }
}

/**
 * WebAuthn challenges (WebAuthn §13.4.3): 32 random bytes from the server, each used at most once, for five
 * minutes, by the session / pending sign-in / browser ceremony that asked for it (`binding`, stored hashed).
 */
export function createChallenges({ db, clock }: { db: IdentityDb; clock: Clock }) {
  return {
    async issue(purpose: ChallengePurpose, binding: string, accountId: string | null): Promise<string> {
      const now = clock.now();
      const challenge = randomToken(32);
      await db.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, now));
      await db.insert(webauthnChallenges).values({
        challenge,
        purpose,
        binding: sha256(binding),
        accountId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + CHALLENGE_LIFETIME_MS),
      });
      return challenge;
    },

    /**
     * Spends the challenge a response carries, atomically, before any verification: a replay, an expired
     * challenge, or one asked for by another session or ceremony is refused, and a failed attempt can't be
     * retried with the same challenge. Answers the account the challenge was issued for.
     */
    async consume(
      clientDataJSON: unknown,
      purpose: ChallengePurpose,
      binding: string,
    ): Promise<{ challenge: string; accountId: string | null }> {
      const challenge = challengeOf(clientDataJSON);
      if (!challenge) throw challengeInvalid();
      const now = clock.now();
      const [row] = await db
        .update(webauthnChallenges)
        .set({ usedAt: now })
        .where(
          and(
            eq(webauthnChallenges.challenge, challenge),
            eq(webauthnChallenges.purpose, purpose),
            eq(webauthnChallenges.binding, sha256(binding)),
            isNull(webauthnChallenges.usedAt),
            gt(webauthnChallenges.expiresAt, now),
          ),
        )
        .returning({ accountId: webauthnChallenges.accountId });
      if (!row) throw challengeInvalid();
      return { challenge, accountId: row.accountId };
    },
  };
}

export type Challenges = ReturnType<typeof createChallenges>;
