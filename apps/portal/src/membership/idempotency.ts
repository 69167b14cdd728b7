import { ApiError } from '@orbit/ui/api';
import { isStepUpRequired } from '../api/step-up';

/**
 * The `Idempotency-Key` of a checkout (docs/membership.md): one key per attempt to pay for one thing. Sending
 * the same request again — after a network error, a timeout, a double click, a reload of the answer — reuses
 * the key, so the hub answers the charge it already made instead of charging twice. The key is dropped once
 * the hub has given a final answer (paid, declined, refused), or when the request changes (another tier,
 * another card): what follows is a new attempt, with a new key.
 */
export interface AttemptKeys {
  /** The key for this request: the current attempt's when the request is the same, else a new attempt's. */
  keyFor(fingerprint: string): string;
  /** After an answer: a final one ends the attempt; an unknown outcome keeps the key for the retry. */
  settle(outcome: { ok: true } | { ok: false; error: unknown }): void;
  /** The key of the attempt in progress, if any. */
  readonly current: string | null;
}

/**
 * Whether the outcome of a request is known, so the attempt is over. No answer (network), a server error, or a
 * purchase still being processed may have charged: the same key must be sent again to learn what happened.
 * A refused step-up or a stale CSRF token never reached the purchase, so the attempt goes on too.
 */
export function isFinalOutcome(outcome: { ok: true } | { ok: false; error: unknown }): boolean {
  if (outcome.ok) return true;
  const { error } = outcome;
  if (!(error instanceof ApiError)) return false;
  if (error.status >= 500 || error.status === 429) return false;
  const { code } = error;
  if (isStepUpRequired(error) || code.startsWith('csrf.') || code === 'membership.purchase_in_progress') {
    return false;
  }
  return true;
}

export function createAttemptKeys(newKey: () => string = () => crypto.randomUUID()): AttemptKeys {
  let attempt: { key: string; fingerprint: string } | null = null;
  return {
    keyFor(fingerprint) {
      if (!attempt || attempt.fingerprint !== fingerprint) attempt = { key: newKey(), fingerprint };
      return attempt.key;
    },
    settle(outcome) {
      if (isFinalOutcome(outcome)) attempt = null;
    },
    get current() {
      return attempt?.key ?? null;
    },
  };
}

/** What identifies a request for `keyFor`: its body, in a stable order. */
export function fingerprintOf(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
