import type { JobHandler, JobQueue } from '@orbit/jobs';
import { PermanentJobError } from '@orbit/jobs';
import { and, eq, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import { sessions } from '../../db/schema.js';
import type { IdentityDb } from '../../kernel/db.js';
import type { Clients } from '../clients/clients.js';
import { clients, grants } from '../schema.js';
import type { Tokens } from '../tokens.js';

export const BACKCHANNEL_QUEUE = 'oidc.backchannel-logout';
const DELIVERY_TIMEOUT_MS = 5_000;

export interface LogoutDelivery {
  clientId: string;
  sessionId: string;
  accountId: string;
}

/**
 * Back-channel logout (OpenID Connect Back-Channel Logout 1.0). Whenever a hub session ends — signed out,
 * revoked, or expired by the idle or absolute timeout — every client that received tokens in it gets a signed
 * logout token. Ended sessions are found by one sweep over the sessions table, so a revocation, an expiry and
 * a hub that was down all take the same path; each delivery is a durable job, retried with backoff.
 */
export function createBackchannelLogout(deps: {
  db: IdentityDb;
  clock: Clock;
  queue: JobQueue;
  tokens: Tokens;
  clients: Clients;
  session: Config['session'];
  fetch?: typeof fetch;
}) {
  const { db, clock, queue } = deps;
  const send = deps.fetch ?? fetch;

  /** Marks newly ended sessions as notified and queues a delivery per client that signed in through them. */
  async function sweep(): Promise<number> {
    const now = clock.now();
    const idleCutoff = new Date(now.getTime() - deps.session.idleMs);
    return db.transaction(async (tx) => {
      const ended = await tx
        .update(sessions)
        .set({ logoutNotifiedAt: now })
        .where(
          and(
            isNull(sessions.logoutNotifiedAt),
            or(
              isNotNull(sessions.revokedAt),
              lte(sessions.expiresAt, now),
              lte(sessions.lastSeenAt, idleCutoff),
            ),
          ),
        )
        .returning({ id: sessions.id, accountId: sessions.accountId });
      if (ended.length === 0) return 0;
      const targets = await tx
        .selectDistinct({ clientId: grants.clientId, sessionId: grants.sessionId })
        .from(grants)
        .innerJoin(clients, eq(clients.id, grants.clientId))
        .where(
          and(
            inArray(
              grants.sessionId,
              ended.map((s) => s.id),
            ),
            isNotNull(clients.backchannelLogoutUri),
          ),
        );
      const accountOf = new Map(ended.map((s) => [s.id, s.accountId]));
      for (const t of targets) {
        if (!t.sessionId) continue;
        const payload: LogoutDelivery = {
          clientId: t.clientId,
          sessionId: t.sessionId,
          accountId: accountOf.get(t.sessionId)!,
        };
        await queue.enqueue(BACKCHANNEL_QUEUE, payload, { tx, dedupeKey: `${t.clientId}:${t.sessionId}` });
      }
      // Tokens issued in the session die with it, except offline access, which by definition outlives the
      // user's presence (OIDC Core §11).
      await tx
        .update(grants)
        .set({ revokedAt: now, revokedReason: 'session_ended' })
        .where(
          and(
            inArray(
              grants.sessionId,
              ended.map((s) => s.id),
            ),
            isNull(grants.revokedAt),
            sql`' ' || ${grants.scope} || ' ' not like '% offline_access %'`,
          ),
        );
      return targets.length;
    });
  }

  /** Delivers one logout token; throws (so the queue retries) unless the client answers 200 or 204. */
  const deliver: JobHandler<LogoutDelivery> = async (job) => {
    const client = await deps.clients.get(job.payload.clientId);
    if (!client?.backchannelLogoutUri || client.disabledAt) {
      throw new PermanentJobError('The client no longer takes back-channel logouts.');
    }
    const logoutToken = await deps.tokens.logoutToken({
      clientId: client.id,
      subject: job.payload.accountId,
      sessionId: job.payload.sessionId,
    });
    const res = await send(client.backchannelLogoutUri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ logout_token: logoutToken }),
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await res.arrayBuffer().catch(() => undefined);
    if (res.status !== 200 && res.status !== 204) {
      throw new Error(`${client.backchannelLogoutUri} answered ${res.status}`);
    }
  };

  return {
    sweep,
    deliver,
    /** Sweeps, then delivers everything due now (tests, and catch-up at start). */
    async deliverDue(): Promise<number> {
      await sweep();
      return queue.runDue(BACKCHANNEL_QUEUE, deliver);
    },
  };
}

export type BackchannelLogout = ReturnType<typeof createBackchannelLogout>;
