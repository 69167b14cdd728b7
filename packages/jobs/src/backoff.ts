/** Milliseconds to wait before the next attempt, given the attempts made so far (1 after the first failure). */
export type Backoff = (attempts: number) => number;

const HOUR_MS = 60 * 60 * 1000;

/**
 * The default retry delay: 2^attempts seconds (2 s, 4 s, 8 s, …) capped at one hour, spread by ±20% jitter so
 * jobs that failed together (a client that was down) do not all retry in the same instant.
 */
export const exponentialBackoff: Backoff = (attempts) => {
  const base = Math.min(2 ** Math.max(attempts, 0) * 1000, HOUR_MS);
  return Math.round(base * (0.8 + Math.random() * 0.4));
};
