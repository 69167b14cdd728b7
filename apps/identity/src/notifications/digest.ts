import type { NotificationView } from '@orbit/contracts';
import type { JobHandler, JobQueue } from '@orbit/jobs';
import { and, desc, eq, gt, isNull, lte } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import { accounts, type Locale } from '../db/schema.js';
import type { Email } from '../email/index.js';
import type { IdentityDb } from '../kernel/db.js';
import { nextDigestAt } from './local-time.js';
import { notificationItems, notificationSettings } from './schema.js';

/** The queue of daily digests: one job per account and day, queued by the digest timer. */
export const NOTIFICATION_DIGEST_QUEUE = 'notifications.digest';
/** How far back a digest looks: the last day. */
const DIGEST_WINDOW_MS = 24 * 60 * 60 * 1000;
/** The most items one digest lists; it says how many more there are. */
export const DIGEST_MAX_ITEMS = 20;
/** Accounts one pass of the timer queues at most (the next pass takes the rest). */
const DUE_BATCH = 500;

export interface DigestJob {
  accountId: string;
  /** When it was due (the digest hour): names the day, so the same digest is never queued twice. */
  dueAt: string;
}

type ItemRow = typeof notificationItems.$inferSelect;

/**
 * The daily digest (issue 19, point 4): for accounts that turned it on, one email a day at the digest hour of
 * their time zone, listing the last day's unread notifications that weren't mailed already (by their own email
 * or an earlier digest). A timer finds whose digest is due and queues it (moving the account's next time in the
 * same transaction, so two hub instances never queue one twice); the job mails it and marks the items mailed.
 */
export function createDigest({
  db,
  clock,
  queue,
  email,
  issuer,
  view,
}: {
  db: IdentityDb;
  clock: Clock;
  queue: JobQueue;
  email: Pick<Email, 'sendToAccount'>;
  issuer: string;
  /** Items as their reader reads them (`notifications.view`). */
  view: (rows: ItemRow[], locale: Locale) => Promise<NotificationView[]>;
}) {
  /** Queues every digest due now; answers how many. */
  async function queueDue(): Promise<number> {
    const now = clock.now();
    const s = notificationSettings;
    const due = await db
      .select({ accountId: s.accountId, dueAt: s.digestNextAt, timeZone: accounts.timeZone })
      .from(s)
      .innerJoin(accounts, eq(accounts.id, s.accountId))
      .where(and(eq(s.digest, true), lte(s.digestNextAt, now)))
      .orderBy(s.digestNextAt)
      .limit(DUE_BATCH);
    let queued = 0;
    for (const { accountId, dueAt, timeZone } of due) {
      if (!dueAt) continue;
      await db.transaction(async (tx) => {
        const [moved] = await tx
          .update(s)
          .set({ digestNextAt: nextDigestAt(now, timeZone) })
          .where(and(eq(s.accountId, accountId), eq(s.digest, true), eq(s.digestNextAt, dueAt)))
          .returning({ accountId: s.accountId });
        if (!moved) return; // another hub instance queued it first
        const job: DigestJob = { accountId, dueAt: dueAt.toISOString() };
        await queue.enqueue(NOTIFICATION_DIGEST_QUEUE, job, {
          tx,
          dedupeKey: `digest:${accountId}:${job.dueAt}`,
        });
        queued++;
      });
    }
    return queued;
  }

  /** Mails one digest, unless nothing is left to tell (everything read, or mailed already). */
  const send: JobHandler<DigestJob> = async ({ payload }) => {
    const now = clock.now();
    const t = notificationItems;
    const unmailed = and(
      eq(t.accountId, payload.accountId),
      isNull(t.readAt),
      isNull(t.emailedAt),
      gt(t.updatedAt, new Date(now.getTime() - DIGEST_WINDOW_MS)),
    );
    const [rows, [owner]] = await Promise.all([
      db
        .select()
        .from(t)
        .where(unmailed)
        .orderBy(desc(t.updatedAt), desc(t.id))
        .limit(DIGEST_MAX_ITEMS + 1),
      db
        .select({ displayName: accounts.displayName, locale: accounts.locale })
        .from(accounts)
        .where(eq(accounts.id, payload.accountId)),
    ]);
    if (!owner || rows.length === 0) return;
    const listed = rows.slice(0, DIGEST_MAX_ITEMS);
    const items = await view(listed, owner.locale);
    await db.transaction(async (tx) => {
      // Everything unmailed of the window is marked, the items beyond the list too: the digest counts them.
      const marked = await tx.update(t).set({ emailedAt: now }).where(unmailed).returning({ id: t.id });
      const still = new Set(marked.map((m) => m.id));
      const shown = items.filter((item) => still.has(item.id));
      if (shown.length === 0) return;
      await email.sendToAccount(
        payload.accountId,
        'notification_digest',
        {
          displayName: owner.displayName,
          items: shown.map((item) => ({
            text: item.text,
            link: item.url ? new URL(item.url, issuer).toString() : null,
          })),
          more: Math.max(0, marked.length - shown.length),
          link: `${issuer}/notifications`,
          preferencesLink: `${issuer}/notifications/preferences`,
        },
        tx,
      );
    });
  };

  return { queueDue, send };
}

export type Digest = ReturnType<typeof createDigest>;
