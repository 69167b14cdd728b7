import {
  CRITICAL_CATEGORIES,
  type MarkReadBody,
  NOTIFICATION_DAYS,
  NOTIFICATION_DIGEST_HOUR,
  NOTIFICATION_GROUP_HOURS,
  NOTIFICATIONS_PER_RECIPIENT_MINUTE,
  type NotificationPreferencesView,
  type NotificationsPage,
  type NotificationView,
  type NotifyInput,
} from '@orbit/contracts';
import { rowsOf } from '@orbit/db';
import type { JobHandler, JobQueue } from '@orbit/jobs';
import { and, count, desc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import { accounts, type Locale } from '../db/schema.js';
import type { Email } from '../email/index.js';
import { AppError } from '../http/errors.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import { personCardOf, standingSql } from '../social/index.js';
import { NOTIFICATIONS_ERRORS } from './errors.js';
import { minuteOfDay, nextDigestAt } from './local-time.js';
import { notificationItems, notificationPreferences, notificationSettings } from './schema.js';

/** The channel every change of an account's bell is told on (`pg_notify`, payload: the account id). */
export const NOTIFICATIONS_CHANNEL = 'orbit_notifications';
/** The queue of notification emails (each waits out its recipient's quiet hours). */
export const NOTIFICATION_EMAIL_QUEUE = 'notifications.email';
/** The source of the hub's own notices (security, membership). */
export const HUB_SOURCE = 'hub';

const HOUR_MS = 60 * 60 * 1000;
const GROUP_MS = NOTIFICATION_GROUP_HOURS * HOUR_MS;
const KEPT_ACTORS = 3;
const critical = new Set<string>(CRITICAL_CATEGORIES);

/** "Alice", "Alice and Bob", "Alice and 3 others" — in the reader's language. */
export function actorsPhrase(names: string[], total: number, locale: Locale): string {
  const [first, second] = names;
  if (!first) return locale === 'zh-CN' ? '有人' : 'Someone';
  if (total <= 1) return first;
  if (locale === 'zh-CN') return total === 2 && second ? `${first}和${second}` : `${first}等 ${total} 人`;
  if (total === 2 && second) return `${first} and ${second}`;
  return `${first} and ${total - 1} others`;
}

/**
 * How long mail must wait at `at` for quiet hours (`start`–`end`, minutes after midnight in `timeZone`; a span
 * that passes midnight when start > end) to end: 0 outside them.
 */
export function quietWaitMs(
  at: Date,
  timeZone: string,
  quiet: { start: number; end: number } | null,
): number {
  if (!quiet || quiet.start === quiet.end) return 0;
  const now = minuteOfDay(at, timeZone);
  const inside =
    quiet.start < quiet.end ? now >= quiet.start && now < quiet.end : now >= quiet.start || now < quiet.end;
  if (!inside) return 0;
  const minutes = (quiet.end - now + 24 * 60) % (24 * 60);
  return minutes * 60_000 - at.getUTCSeconds() * 1000 - at.getUTCMilliseconds();
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** A URL a notification may link to: https anywhere, http only on this machine, or a path of the hub. */
export function safeLink(url: string | undefined): string | null {
  if (url === undefined) return null;
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw NOTIFICATIONS_ERRORS.notificationInvalidUrl.error();
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol === 'https:' || (parsed.protocol === 'http:' && local)) return parsed.toString();
  throw NOTIFICATIONS_ERRORS.notificationInvalidUrl.error();
}

/** Counts sends per (service, recipient) in the current minute, in this process; a flood is refused. */
function floodGate(clock: Clock, limit: number) {
  let minute = -1;
  const counts = new Map<string, number>();
  return (key: string): boolean => {
    const now = Math.floor(clock.now().getTime() / 60_000);
    if (now !== minute) {
      minute = now;
      counts.clear();
    }
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    return n <= limit;
  };
}

type ItemRow = typeof notificationItems.$inferSelect;

/** The channels a category reaches its reader through: the reader's row for it, or the defaults (none). */
function channelsFrom(
  category: string,
  row: { inApp: boolean | null; email: boolean | null } | undefined,
): { inApp: boolean; email: boolean } {
  if (critical.has(category)) return { inApp: true, email: true };
  return { inApp: row?.inApp ?? true, email: row?.email ?? false };
}

/** Quiet hours in minutes after midnight from the reader's settings row, or null. */
function quietFrom(
  row: { quietStart: number | null; quietEnd: number | null } | undefined,
): { start: number; end: number } | null {
  return row && row.quietStart !== null && row.quietEnd !== null
    ? { start: row.quietStart, end: row.quietEnd }
    : null;
}

/** A notice of the hub itself (security, membership), written in the transaction that made the change. */
export interface HubNotice {
  recipient: string;
  type: string;
  category: string;
  groupKey?: string | undefined;
  target?: string | undefined;
  /** A path of the hub (the account center, the membership page). */
  url: string;
  text: { en: string; 'zh-CN': string };
  data?: Record<string, unknown> | undefined;
  /** The hub mails this event on its own (a security notice): the item is not mailed again, nor digested. */
  mailedAlready: boolean;
}

/** An email to send: an item of the bell, or a notification the reader gets by email only (not in the bell). */
type EmailJob =
  | { itemId: string }
  | {
      direct: {
        accountId: string;
        actorIds: string[];
        actorCount: number;
        text: { en: string; 'zh-CN'?: string | undefined };
        url: string | null;
      };
    };

/**
 * The bell (issue 19, point 4): services and the hub send, the hub stores and groups, honours blocks, mutes and the
 * reader's preferences, tells every hub instance (NOTIFY) so open streams update, and mails what the reader asked
 * to get by email — after their quiet hours.
 */
export function createNotifications({
  db,
  clock,
  queue,
  email,
  issuer,
}: {
  db: IdentityDb;
  clock: Clock;
  queue: JobQueue;
  email: Pick<Email, 'sendToAccount'>;
  issuer: string;
}) {
  const admit = floodGate(clock, NOTIFICATIONS_PER_RECIPIENT_MINUTE);

  /**
   * What a notification needs before it is stored, in one statement prepared once (issue 19 wants 1,000 accepted a
   * second; these were four round trips): the recipient (no row: no such account) and its time zone, whether the
   * actor exists and how the recipient stands with them (blocks either way, a mute), the recipient's channels for
   * the category (null: the defaults) and quiet hours.
   */
  const recipientParam = sql`${sql.placeholder('recipient')}::uuid`;
  const actorParam = sql`${sql.placeholder('actor')}::uuid`;
  const notifyContext = db
    .select({
      timeZone: accounts.timeZone,
      actorKnown: sql<boolean>`exists (select 1 from ${accounts} actor where actor.id = ${actorParam})`,
      ...standingSql(recipientParam, actorParam, sql`${sql.placeholder('now')}::timestamptz`),
      inApp: notificationPreferences.inApp,
      email: notificationPreferences.email,
      quietStart: notificationSettings.quietStart,
      quietEnd: notificationSettings.quietEnd,
    })
    .from(accounts)
    .leftJoin(
      notificationPreferences,
      and(
        eq(notificationPreferences.accountId, accounts.id),
        eq(notificationPreferences.category, sql`${sql.placeholder('category')}::text`),
      ),
    )
    .leftJoin(notificationSettings, eq(notificationSettings.accountId, accounts.id))
    .where(eq(accounts.id, recipientParam))
    .prepare('notifications_notify_context');

  async function channelsOf(accountId: string, category: string, q: Queryable = db) {
    if (critical.has(category)) return channelsFrom(category, undefined);
    const [row] = await q
      .select({ inApp: notificationPreferences.inApp, email: notificationPreferences.email })
      .from(notificationPreferences)
      .where(
        and(eq(notificationPreferences.accountId, accountId), eq(notificationPreferences.category, category)),
      );
    return channelsFrom(category, row);
  }

  /** Items as the reader sees them: text in their language, actors' cards. */
  async function view(rows: ItemRow[], locale: Locale): Promise<NotificationView[]> {
    const actorIds = [...new Set(rows.flatMap((r) => r.actorIds))];
    const cards =
      actorIds.length === 0
        ? []
        : await db
            .select({
              id: accounts.id,
              accountNumber: accounts.accountNumber,
              handle: accounts.handle,
              displayName: accounts.displayName,
              avatarUpdatedAt: accounts.avatarUpdatedAt,
            })
            .from(accounts)
            .where(inArray(accounts.id, actorIds));
    const cardOf = new Map(cards.map((c) => [c.id, personCardOf(c)]));
    return rows.map((r) => {
      const actors = r.actorIds.flatMap((id) => (cardOf.has(id) ? [cardOf.get(id)!] : []));
      const template = (locale === 'zh-CN' && r.text['zh-CN']) || r.text.en;
      const phrase = actorsPhrase(
        actors.map((a) => a.displayName),
        r.actorCount,
        locale,
      );
      return {
        id: r.id,
        source: r.source,
        type: r.type,
        category: r.category,
        text: template.replaceAll('{actors}', phrase),
        actors,
        actorCount: r.actorCount,
        target: r.target,
        url: r.url,
        data: r.data,
        read: r.readAt !== null,
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
      };
    });
  }

  async function unreadOf(accountId: string): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(notificationItems)
      .where(and(eq(notificationItems.accountId, accountId), isNull(notificationItems.readAt)));
    return Number(row?.n ?? 0);
  }

  async function localeOf(accountId: string): Promise<Locale> {
    const [row] = await db
      .select({ locale: accounts.locale })
      .from(accounts)
      .where(eq(accounts.id, accountId));
    return row?.locale ?? 'en';
  }

  /** Quiet hours in minutes after midnight, or null. */
  async function quietHoursOf(
    accountId: string,
    q: Queryable = db,
  ): Promise<{ start: number; end: number } | null> {
    const [row] = await q
      .select()
      .from(notificationSettings)
      .where(eq(notificationSettings.accountId, accountId));
    return quietFrom(row);
  }

  async function preferencesOf(accountId: string): Promise<NotificationPreferencesView> {
    const [rows, [settings], owner] = await Promise.all([
      db.select().from(notificationPreferences).where(eq(notificationPreferences.accountId, accountId)),
      db.select().from(notificationSettings).where(eq(notificationSettings.accountId, accountId)),
      db.select({ timeZone: accounts.timeZone }).from(accounts).where(eq(accounts.id, accountId)),
    ]);
    const quiet = settings?.quietStart != null && settings.quietEnd != null ? settings : null;
    return {
      categories: Object.fromEntries(rows.map((r) => [r.category, { inApp: r.inApp, email: r.email }])),
      quietHours: quiet ? { start: hhmm(quiet.quietStart!), end: hhmm(quiet.quietEnd!) } : null,
      timeZone: owner[0]?.timeZone ?? 'UTC',
      critical: [...CRITICAL_CATEGORIES],
      digest: settings?.digest ?? false,
      digestHour: NOTIFICATION_DIGEST_HOUR,
    };
  }

  /** Tells every hub instance that `accountId`'s bell changed (delivered when the transaction commits). */
  const tell = (accountId: string) => sql`pg_notify(${NOTIFICATIONS_CHANNEL}, ${accountId})`;
  const told = (accountId: string) => sql`select ${tell(accountId)}`;

  /**
   * The email job: an item of the bell as the reader would see it by then (its group may have grown), unless they
   * have read it meanwhile; or, for a category the reader wants by email only, the notification itself.
   */
  const sendEmail: JobHandler<EmailJob> = async ({ payload }) => {
    let row: Pick<ItemRow, 'accountId' | 'actorIds' | 'actorCount' | 'text' | 'url' | 'readAt'> | undefined;
    if ('itemId' in payload) {
      [row] = await db.select().from(notificationItems).where(eq(notificationItems.id, payload.itemId));
      if (!row || row.readAt) return;
    } else {
      row = { ...payload.direct, readAt: null };
    }
    const [owner] = await db
      .select({ displayName: accounts.displayName, locale: accounts.locale })
      .from(accounts)
      .where(eq(accounts.id, row.accountId));
    if (!owner) return;
    const [item] = await view(
      [
        {
          ...row,
          id: '',
          source: '',
          type: '',
          category: '',
          target: null,
          data: {},
          createdAt: new Date(0),
          updatedAt: new Date(0),
          groupKey: null,
          bucket: 0,
          emailedAt: null,
        },
      ],
      owner.locale,
    );
    const data = {
      displayName: owner.displayName,
      text: item!.text,
      link: item!.url ? new URL(item!.url, issuer).toString() : null,
      preferencesLink: `${issuer}/notifications/preferences`,
    };
    if (!('itemId' in payload)) {
      await email.sendToAccount(row.accountId, 'notification', data);
      return;
    }
    // Marked mailed with the mail itself: a digest never lists it again, and a second run of this job sends nothing.
    await db.transaction(async (tx) => {
      const [marked] = await tx
        .update(notificationItems)
        .set({ emailedAt: clock.now() })
        .where(and(eq(notificationItems.id, payload.itemId), isNull(notificationItems.emailedAt)))
        .returning({ id: notificationItems.id });
      if (marked) await email.sendToAccount(row.accountId, 'notification', data, tx);
    });
  };

  /**
   * Stores an item (or grows its group) in `q`, tells every hub instance, and queues its email when the reader
   * gets this kind by email. Answers the item's id and whether it joined a group.
   */
  async function store(
    q: Queryable,
    values: typeof notificationItems.$inferInsert,
    mail: { at: Date } | null,
  ): Promise<{ id: string; grouped: boolean }> {
    const t = notificationItems;
    const insert = q.insert(t).values(values);
    const upsert = values.groupKey
      ? insert
          .onConflictDoUpdate({
            target: [t.accountId, t.source, t.groupKey, t.bucket],
            targetWhere: sql`${t.readAt} is null and ${t.groupKey} is not null`,
            set: {
              // The newest actor first, each once, the last three kept; the count grows by actors not kept.
              actorIds: sql`case when cardinality(excluded.actor_ids) = 0 then ${t.actorIds}
                      else (excluded.actor_ids || array_remove(${t.actorIds}, excluded.actor_ids[1]))[1:${sql.raw(String(KEPT_ACTORS))}] end`,
              actorCount: sql`${t.actorCount} + case when cardinality(excluded.actor_ids) = 0
                      or excluded.actor_ids[1] = any(${t.actorIds}) then 0 else 1 end`,
              text: sql`excluded.text`,
              url: sql`excluded.url`,
              target: sql`excluded.target`,
              data: sql`excluded.data`,
              updatedAt: sql`excluded.updated_at`,
            },
          })
          .returning({ id: t.id, inserted: sql<boolean>`(xmax = 0)`.as('inserted') })
      : insert.returning({ id: t.id, inserted: sql<boolean>`true`.as('inserted') });
    // Every hub instance is told in the same statement (a round trip less; delivered when it commits).
    const [row] = rowsOf<{ id: string; inserted: boolean }>(
      await q.execute(
        sql`with stored as (${upsert.getSQL()}) select id, inserted, ${tell(values.accountId)} from stored`,
      ),
    );
    if (mail) {
      // One mail per item: a group that grows before it is sent is sent grown; after, it is not sent again.
      await queue.enqueue(NOTIFICATION_EMAIL_QUEUE, { itemId: row!.id } satisfies EmailJob, {
        tx: q,
        runAt: mail.at,
        dedupeKey: `notification:${row!.id}`,
      });
    }
    return { id: row!.id, grouped: !row!.inserted };
  }

  async function markAllRead(accountId: string): Promise<void> {
    await db.transaction(async (tx) => {
      await tx
        .update(notificationItems)
        .set({ readAt: clock.now() })
        .where(and(eq(notificationItems.accountId, accountId), isNull(notificationItems.readAt)));
      await tx.execute(told(accountId));
    });
  }

  return {
    /**
     * Sends `input` from `source` (`hub` or a service id). Answers what became of it; a block or mute between the
     * actor and the recipient, or the recipient's preferences, drop it silently (the sender is not told why).
     */
    async notify(
      source: string,
      input: NotifyInput,
    ): Promise<{ outcome: 'stored' | 'grouped' | 'blocked' | 'muted' | 'disabled'; id: string | null }> {
      if (!admit(`${source}:${input.recipient}`)) throw NOTIFICATIONS_ERRORS.notificationTooMany.error();
      const url = safeLink(input.url);
      const now = clock.now();
      const [recipient] = await notifyContext.execute({
        recipient: input.recipient,
        actor: input.actor ?? null,
        category: input.category,
        now: now.toISOString(),
      });
      if (!recipient) throw NOTIFICATIONS_ERRORS.notificationRecipientNotFound.error();
      const isCritical = critical.has(input.category);
      if (input.actor && input.actor !== input.recipient) {
        if (!recipient.actorKnown) {
          throw NOTIFICATIONS_ERRORS.notificationRecipientNotFound.error({ actor: input.actor });
        }
        if (!isCritical && (recipient.blocking || recipient.blockedBy))
          return { outcome: 'blocked', id: null };
        if (!isCritical && recipient.muting) return { outcome: 'muted', id: null };
      }
      const channels = channelsFrom(input.category, recipient);
      if (!channels.inApp && !channels.email) return { outcome: 'disabled', id: null };

      const actorIds = input.actor ? [input.actor] : [];
      const emailAt = channels.email
        ? new Date(now.getTime() + quietWaitMs(now, recipient.timeZone, quietFrom(recipient)))
        : undefined;
      if (!channels.inApp) {
        const direct = {
          accountId: input.recipient,
          actorIds,
          actorCount: actorIds.length,
          text: input.text,
          url,
        };
        await queue.enqueue(NOTIFICATION_EMAIL_QUEUE, { direct } satisfies EmailJob, {
          runAt: emailAt,
        });
        return { outcome: 'disabled', id: null };
      }
      const values = {
        accountId: input.recipient,
        source,
        type: input.type,
        category: input.category,
        groupKey: input.groupKey ?? null,
        bucket: Math.floor(now.getTime() / GROUP_MS),
        actorIds,
        actorCount: actorIds.length,
        target: input.target ?? null,
        url,
        text: input.text,
        data: input.data ?? {},
        createdAt: now,
        updatedAt: now,
      };
      // Without an email, storing is one statement (atomic by itself); with one, the job is queued in its transaction.
      const { id, grouped } = emailAt
        ? await db.transaction((tx) => store(tx, values, { at: emailAt }))
        : await store(db, values, null);
      return { outcome: grouped ? 'grouped' : 'stored', id };
    },

    quietHours: quietHoursOf,

    /**
     * A notice of the hub itself, written in `q` — the transaction that records the change it tells of (the
     * security log's entry, the membership change), so it exists exactly when that commits. Security and payment
     * notices reach the reader whatever their preferences; one the hub mails on its own is not mailed again.
     */
    async hubNotice(q: Queryable, notice: HubNotice): Promise<string | null> {
      const channels = await channelsOf(notice.recipient, notice.category, q);
      if (!channels.inApp) return null;
      const now = clock.now();
      const [owner] = await q
        .select({ timeZone: accounts.timeZone })
        .from(accounts)
        .where(eq(accounts.id, notice.recipient));
      if (!owner) return null;
      const mailAt =
        channels.email && !notice.mailedAlready
          ? new Date(
              now.getTime() + quietWaitMs(now, owner.timeZone, await quietHoursOf(notice.recipient, q)),
            )
          : null;
      const { id } = await store(
        q,
        {
          accountId: notice.recipient,
          source: HUB_SOURCE,
          type: notice.type,
          category: notice.category,
          groupKey: notice.groupKey ?? null,
          bucket: Math.floor(now.getTime() / GROUP_MS),
          target: notice.target ?? null,
          url: notice.url,
          text: notice.text,
          data: notice.data ?? {},
          createdAt: now,
          updatedAt: now,
          emailedAt: notice.mailedAlready ? now : null,
        },
        mailAt ? { at: mailAt } : null,
      );
      return id;
    },

    /** Items as `accountId` reads them (their language, actors' cards): what a digest lists. */
    view,

    /** The bell, newest first, a page at a time (`before`: the `nextBefore` of the page before). */
    async list(
      accountId: string,
      query: {
        limit: number;
        before?: string | undefined;
        unread?: boolean | undefined;
        source?: string | undefined;
      },
    ): Promise<NotificationsPage> {
      const t = notificationItems;
      const [beforeAt, beforeId] = (query.before ?? '').split('|');
      const cursor =
        beforeAt && beforeId && !Number.isNaN(Date.parse(beforeAt))
          ? or(
              lt(t.updatedAt, new Date(beforeAt)),
              and(eq(t.updatedAt, new Date(beforeAt)), lt(t.id, beforeId)),
            )
          : undefined;
      if (query.before !== undefined && !cursor) {
        throw new AppError(400, 'request.invalid', 'The request is not valid.', {
          fields: [{ path: 'before', message: 'Pass the nextBefore of the page before.' }],
        });
      }
      const rows = await db
        .select()
        .from(t)
        .where(
          and(
            eq(t.accountId, accountId),
            cursor,
            query.unread === true
              ? isNull(t.readAt)
              : query.unread === false
                ? sql`${t.readAt} is not null`
                : undefined,
            query.source ? eq(t.source, query.source) : undefined,
          ),
        )
        .orderBy(desc(t.updatedAt), desc(t.id))
        .limit(query.limit + 1);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      const [items, unread] = await Promise.all([view(page, await localeOf(accountId)), unreadOf(accountId)]);
      return {
        items,
        unread,
        nextBefore: rows.length > query.limit && last ? `${last.updatedAt.toISOString()}|${last.id}` : null,
      };
    },

    unread: unreadOf,

    async markRead(accountId: string, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const [row] = await tx
          .update(notificationItems)
          .set({
            readAt: sql`coalesce(${notificationItems.readAt}, ${clock.now().toISOString()}::timestamptz)`,
          })
          .where(and(eq(notificationItems.id, id), eq(notificationItems.accountId, accountId)))
          .returning({ id: notificationItems.id });
        if (!row) throw NOTIFICATIONS_ERRORS.notificationNotFound.error();
        await tx.execute(told(accountId));
      });
    },

    /** Marks the reader's items named in `ids` read (others' ids are skipped), or all of them. */
    async markSomeRead(accountId: string, which: MarkReadBody): Promise<void> {
      if (which.all) return markAllRead(accountId);
      await db.transaction(async (tx) => {
        await tx
          .update(notificationItems)
          .set({ readAt: clock.now() })
          .where(
            and(
              eq(notificationItems.accountId, accountId),
              inArray(notificationItems.id, which.ids ?? []),
              isNull(notificationItems.readAt),
            ),
          );
        await tx.execute(told(accountId));
      });
    },

    markAllRead,

    async remove(accountId: string, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const gone = await tx
          .delete(notificationItems)
          .where(and(eq(notificationItems.id, id), eq(notificationItems.accountId, accountId)))
          .returning({ id: notificationItems.id });
        if (gone.length === 0) throw NOTIFICATIONS_ERRORS.notificationNotFound.error();
        await tx.execute(told(accountId));
      });
    },

    preferences: preferencesOf,

    async updatePreferences(
      accountId: string,
      patch: {
        categories?: Record<string, { inApp?: boolean | undefined; email?: boolean | undefined }> | undefined;
        quietHours?: { start: string; end: string } | null | undefined;
        digest?: boolean | undefined;
      },
    ): Promise<NotificationPreferencesView> {
      const refused = Object.keys(patch.categories ?? {}).filter((c) => critical.has(c));
      if (refused.length > 0) {
        throw new AppError(400, 'request.invalid', 'Security and payment notices can’t be turned off.', {
          fields: refused.map((c) => ({ path: `categories.${c}`, message: 'Always on.' })),
        });
      }
      const settings: Partial<typeof notificationSettings.$inferInsert> = {};
      if (patch.quietHours !== undefined) {
        settings.quietStart = patch.quietHours ? minutesOf(patch.quietHours.start) : null;
        settings.quietEnd = patch.quietHours ? minutesOf(patch.quietHours.end) : null;
      }
      if (patch.digest !== undefined) {
        const [[current], [owner]] = await Promise.all([
          db.select().from(notificationSettings).where(eq(notificationSettings.accountId, accountId)),
          db.select({ timeZone: accounts.timeZone }).from(accounts).where(eq(accounts.id, accountId)),
        ]);
        settings.digest = patch.digest;
        // Turned on: the first digest at the next digest hour. Already on: its time stays as it was.
        if (!patch.digest) settings.digestNextAt = null;
        else if (!current?.digest)
          settings.digestNextAt = nextDigestAt(clock.now(), owner?.timeZone ?? 'UTC');
      }
      await db.transaction(async (tx) => {
        for (const [category, channels] of Object.entries(patch.categories ?? {})) {
          const [current] = await tx
            .select()
            .from(notificationPreferences)
            .where(
              and(
                eq(notificationPreferences.accountId, accountId),
                eq(notificationPreferences.category, category),
              ),
            );
          const next = {
            accountId,
            category,
            inApp: channels.inApp ?? current?.inApp ?? true,
            email: channels.email ?? current?.email ?? false,
          };
          await tx
            .insert(notificationPreferences)
            .values(next)
            .onConflictDoUpdate({
              target: [notificationPreferences.accountId, notificationPreferences.category],
              set: { inApp: next.inApp, email: next.email },
            });
        }
        if (Object.keys(settings).length > 0) {
          const changed = { ...settings, updatedAt: clock.now() };
          await tx
            .insert(notificationSettings)
            .values({ accountId, ...changed })
            .onConflictDoUpdate({ target: notificationSettings.accountId, set: changed });
        }
      });
      return preferencesOf(accountId);
    },

    sendEmail,

    /** Items older than 90 days go, read or not. */
    async sweep(): Promise<number> {
      const gone = await db
        .delete(notificationItems)
        .where(
          lte(
            notificationItems.updatedAt,
            new Date(clock.now().getTime() - NOTIFICATION_DAYS * 24 * HOUR_MS),
          ),
        )
        .returning({ id: notificationItems.id });
      return gone.length;
    },
  };
}

export type Notifications = ReturnType<typeof createNotifications>;
