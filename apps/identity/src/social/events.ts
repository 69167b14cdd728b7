import type { SocialEventPayload, SocialEventUri } from '@orbit/contracts';
import type { JobHandler, JobQueue } from '@orbit/jobs';
import { and, arrayContains, eq, isNull } from 'drizzle-orm';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import type { Tokens } from '../oidc/index.js';
import { clients } from '../oidc/index.js';
import { pushServiceEvent, services } from '../services/index.js';

export const SOCIAL_EVENTS_QUEUE = 'social.events';
/** Services that read the social graph (and so may cache it) get its events; others have nothing to refresh. */
const READS_SOCIAL = ['social:read'];

/** One change of the graph: `sub` acted (accepted, removed, blocked, unblocked) on `other`. */
export interface SocialChange {
  event: SocialEventUri;
  sub: string;
  other: string;
}

export interface SocialEventDelivery extends SocialChange {
  serviceId: string;
}

/** What the domain tells of each friendship or block change, inside the transaction that makes it. */
export interface SocialChangeNotifier {
  changed(tx: Queryable, change: SocialChange): Promise<void>;
}

/**
 * Social events (issue 19, point 2; docs/services.md, "Hub → service"), built like the membership ones: told of
 * a change inside its transaction, this queues one delivery per enabled service whose client has `social:read`,
 * so the deliveries exist exactly when the change commits; each delivery is a durable job that signs a Security
 * Event Token (RFC 8417) and pushes it to the service's `paths.events` (RFC 8935), retried with backoff. An event
 * says only that the pair changed: a service drops what it cached about the two and asks again.
 */
export function createSocialEvents(deps: {
  db: IdentityDb;
  queue: JobQueue;
  tokens: Pick<Tokens, 'securityEventToken'>;
  fetch?: typeof fetch | undefined;
}) {
  const { db, queue } = deps;

  async function changed(tx: Queryable, change: SocialChange): Promise<void> {
    const targets = await tx
      .select({ id: services.id })
      .from(services)
      .innerJoin(clients, eq(clients.id, services.id))
      .where(and(isNull(clients.disabledAt), arrayContains(clients.scopes, READS_SOCIAL)));
    for (const { id: serviceId } of targets) {
      const payload: SocialEventDelivery = { serviceId, ...change };
      await queue.enqueue(SOCIAL_EVENTS_QUEUE, payload, { tx });
    }
  }

  /** Delivers one event; throws (so the queue retries) unless the service answers 202, 200 or 204. */
  const deliver: JobHandler<SocialEventDelivery> = async (job, { signal }) => {
    const { serviceId, event, sub, other } = job.payload;
    const body: SocialEventPayload = { other };
    // A service that no longer reads the graph is told nothing more of it.
    await pushServiceEvent(
      { db, fetch: deps.fetch },
      serviceId,
      () => deps.tokens.securityEventToken({ clientId: serviceId, subject: sub, event, payload: body }),
      { signal, requireScopes: READS_SOCIAL },
    );
  };

  const notifier: SocialChangeNotifier = { changed };
  return {
    notifier,
    deliver,
    /** Delivers everything due now (tests, and catch-up). */
    deliverDue: (): Promise<number> => queue.runDue(SOCIAL_EVENTS_QUEUE, deliver),
  };
}

export type SocialEvents = ReturnType<typeof createSocialEvents>;
