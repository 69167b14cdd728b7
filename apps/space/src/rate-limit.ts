import type { Clock } from '@orbit/sdk';
import { rateLimited } from './errors.js';

const MINUTE_MS = 60_000;
/** Accounts remembered at most (the oldest windows are forgotten first; they have ended anyway). */
const MAX_ACCOUNTS = 10_000;

/**
 * A per-account limit over the clock minute, kept in this process: enough to stop a runaway script from
 * flooding friends' timelines (each item fans out to every friend) or a space with comments and likes. Over the
 * limit, `take` throws 429 `space.rate_limited` with the seconds until the minute ends.
 */
export function createRateLimit({ clock, perMinute }: { clock: Clock; perMinute: number }) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    take(sub: string): void {
      const account = sub.toLowerCase();
      const now = clock.now().getTime();
      const start = Math.floor(now / MINUTE_MS) * MINUTE_MS;
      const window = windows.get(account);
      if (!window || window.start !== start) {
        windows.delete(account);
        if (windows.size >= MAX_ACCOUNTS) windows.delete(windows.keys().next().value as string);
        windows.set(account, { start, count: 1 });
        return;
      }
      if (window.count >= perMinute)
        throw rateLimited(Math.max(1, Math.ceil((start + MINUTE_MS - now) / 1000)));
      window.count += 1;
    },
  };
}

export type RateLimit = ReturnType<typeof createRateLimit>;
