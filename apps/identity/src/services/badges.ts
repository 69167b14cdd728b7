import type { Tokens } from '../oidc/index.js';
import type { ServiceRegistry } from './registry.js';

/** A service that has not answered its badge within this long shows no badge (docs/services.md). */
export const BADGE_TIMEOUT_MS = 2000;
/** A badge answer is `{ "count": n }`; anything much longer is not one. */
const MAX_ANSWER_CHARS = 1024;

export interface BadgeResult {
  /** The count to show, or null when the service has no badge or did not give a good answer. */
  count: number | null;
  /** Why there is no count, for the log. */
  problem?: string;
}

/**
 * Asks a service for an account's launcher badge: `GET <badge URL>` with a badge token the hub signs
 * (`typ: orbit-badge+jwt`, audience the service, subject the account), answered within the timeout with
 * `{ count: <non-negative integer> }`. Every other outcome is no badge, never an error for the launcher.
 */
export function createBadges({
  registry,
  tokens,
  fetch = globalThis.fetch,
  timeoutMs = BADGE_TIMEOUT_MS,
}: {
  registry: Pick<ServiceRegistry, 'getEnabled'>;
  tokens: Pick<Tokens, 'badgeToken'>;
  /** Outbound HTTP; tests may give their own. */
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
}) {
  return {
    /** The badge of an enabled service, or undefined when there is no such service. */
    async count(serviceId: string, accountId: string): Promise<BadgeResult | undefined> {
      const service = await registry.getEnabled(serviceId);
      if (!service) return undefined;
      if (!service.badgeUrl) return { count: null, problem: 'the service shows no badge' };
      const token = await tokens.badgeToken({ clientId: serviceId, subject: accountId });
      try {
        const res = await fetch(service.badgeUrl, {
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
          // The registered URL is the only one the token may go to.
          redirect: 'error',
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (!res.ok) {
          await res.body?.cancel();
          return { count: null, problem: `the service answered ${res.status}` };
        }
        const text = await res.text();
        if (text.length > MAX_ANSWER_CHARS) return { count: null, problem: 'the answer is too long' };
        const count = (JSON.parse(text) as { count?: unknown } | null)?.count;
        if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
          return { count: null, problem: 'the answer has no non-negative integer count' };
        }
        return { count };
      } catch (error) {
        const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
        return {
          count: null,
          problem: timedOut
            ? `no answer within ${timeoutMs} ms`
            : `the call failed: ${(error as Error).message}`,
        };
      }
    },
  };
}

export type Badges = ReturnType<typeof createBadges>;
