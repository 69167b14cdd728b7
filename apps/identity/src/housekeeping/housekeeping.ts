import { jobs } from '@orbit/jobs';
import { and, eq, inArray, isNull, lt, notLike, or } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { signInThrottles } from '../db/schema.js';
import { EMAIL_QUEUE, EMAIL_RETENTION_MS, emailMessages } from '../email/index.js';
import type { IdentityDb } from '../kernel/db.js';
import {
  authorizationCodes,
  createClientSecrets,
  interactions,
  refreshTokens,
  revokedAccessTokens,
  usedClientAssertions,
} from '../oidc/index.js';
import { emailTokens } from '../recovery/index.js';

const DAY_MS = 24 * 60 * 60_000;

/**
 * Deletes rows that can no longer matter: finished throttle windows, expired interactions and codes (kept a
 * day, so a late replay is still recognised), refresh tokens past expiry, revocation and replay records of
 * tokens that have expired anyway, client secrets past their rotation grace, and sent or failed mail older than 30 days (with any body the development
 * outbox kept). Safe to run on every instance at once.
 */
export function createHousekeeping({
  db,
  clock,
  config,
}: {
  db: IdentityDb;
  clock: Clock;
  config: Pick<Config, 'throttle'>;
}) {
  return async function housekeeping(): Promise<Record<string, number>> {
    const now = clock.now();
    const count = async (rows: Promise<unknown[]>) => (await rows).length;
    return {
      throttles: await count(
        db
          .delete(signInThrottles)
          .where(
            and(
              // Each key's own window: sign-ups per address (`sign_up:…`) count over an hour, failures less.
              or(
                and(
                  lt(signInThrottles.windowStartedAt, new Date(now.getTime() - config.throttle.windowMs)),
                  notLike(signInThrottles.key, 'sign_up:%'),
                ),
                lt(signInThrottles.windowStartedAt, new Date(now.getTime() - config.throttle.signUpWindowMs)),
              ),
              or(isNull(signInThrottles.lockedUntil), lt(signInThrottles.lockedUntil, now)),
            ),
          )
          .returning({ key: signInThrottles.key }),
      ),
      interactions: await count(
        db.delete(interactions).where(lt(interactions.expiresAt, now)).returning({ id: interactions.id }),
      ),
      codes: await count(
        db
          .delete(authorizationCodes)
          .where(lt(authorizationCodes.expiresAt, new Date(now.getTime() - DAY_MS)))
          .returning({ hash: authorizationCodes.codeHash }),
      ),
      refreshTokens: await count(
        db
          .delete(refreshTokens)
          .where(lt(refreshTokens.expiresAt, now))
          .returning({ hash: refreshTokens.tokenHash }),
      ),
      revokedAccessTokens: await count(
        db
          .delete(revokedAccessTokens)
          .where(lt(revokedAccessTokens.expiresAt, now))
          .returning({ jti: revokedAccessTokens.jti }),
      ),
      clientAssertions: await count(
        db
          .delete(usedClientAssertions)
          .where(lt(usedClientAssertions.expiresAt, now))
          .returning({ jti: usedClientAssertions.jti }),
      ),
      // Client secrets a rotation replaced, once their grace has ended (the current one never expires).
      clientSecrets: await createClientSecrets({ db, clock }).deleteExpired(),
      // Kept a day past expiry: the per-account reset limit counts the links of the last hour.
      emailTokens: await count(
        db
          .delete(emailTokens)
          .where(lt(emailTokens.expiresAt, new Date(now.getTime() - DAY_MS)))
          .returning({ id: emailTokens.id }),
      ),
      emailMessages: await count(
        db
          .delete(emailMessages)
          .where(
            and(
              lt(emailMessages.createdAt, new Date(now.getTime() - EMAIL_RETENTION_MS)),
              inArray(emailMessages.status, ['sent', 'failed']),
            ),
          )
          .returning({ id: emailMessages.id }),
      ),
      // Their delivery jobs (which carry only the message id) go after the same time.
      emailJobs: await count(
        db
          .delete(jobs)
          .where(
            and(
              eq(jobs.queue, EMAIL_QUEUE),
              inArray(jobs.state, ['done', 'failed', 'cancelled']),
              lt(jobs.finishedAt, new Date(now.getTime() - EMAIL_RETENTION_MS)),
            ),
          )
          .returning({ id: jobs.id }),
      ),
    };
  };
}
