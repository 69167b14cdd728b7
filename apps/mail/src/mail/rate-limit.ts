import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/open.js';
import { sendCounts } from '../db/schema.js';
import { rateLimited } from './errors.js';
import type { SendRate } from './ports.js';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * Counts one send against the account's fixed windows (the clock minute and the UTC day) in the database, so
 * the limit holds across instances. Over either limit it throws 429 `mail.rate_limited` with the seconds until
 * that window ends. Called inside the send's transaction: a send that fails for any reason, this one included,
 * is rolled back and not counted.
 */
export async function countSend(db: Queryable, owner: string, now: Date, rate: SendRate): Promise<void> {
  const windows = [
    { window: 'minute' as const, ms: MINUTE_MS, limit: rate.perMinute },
    { window: 'day' as const, ms: DAY_MS, limit: rate.perDay },
  ];
  let retryAfterMs = 0;
  for (const { window, ms, limit } of windows) {
    const windowStart = new Date(Math.floor(now.getTime() / ms) * ms);
    // A later window starts again at 1. An instance whose clock lags a little counts into the newer window.
    const [row] = await db
      .insert(sendCounts)
      .values({ ownerSub: owner, window, windowStart, count: 1 })
      .onConflictDoUpdate({
        target: [sendCounts.ownerSub, sendCounts.window],
        set: {
          count: sql`case when excluded.window_start <= ${sendCounts.windowStart} then ${sendCounts.count} + 1 else 1 end`,
          windowStart: sql`greatest(excluded.window_start, ${sendCounts.windowStart})`,
        },
      })
      .returning({ count: sendCounts.count, windowStart: sendCounts.windowStart });
    if (row && row.count > limit) {
      retryAfterMs = Math.max(retryAfterMs, row.windowStart.getTime() + ms - now.getTime());
    }
  }
  if (retryAfterMs > 0) throw rateLimited(Math.max(1, Math.ceil(retryAfterMs / 1000)));
}
