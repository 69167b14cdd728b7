/**
 * Notifications (issue 19, point 4): what services and the hub send, what the bell lists, and the preferences
 * that decide what reaches whom. The hub's `notifications` module implements them; services send through the SDK.
 */
import { z } from 'zod';
import { personCard } from './social.js';

const instant = z.string().describe('ISO 8601 date-time');

/** Categories the hub itself sends in; security and payment notices are critical (they can't be turned off). */
export const HUB_NOTIFICATION_CATEGORIES = ['security', 'payment', 'social', 'membership'] as const;
export const CRITICAL_CATEGORIES = ['security', 'payment'] as const;
/** Channels a notification may reach the user through. */
export const NOTIFICATION_CHANNELS = ['inApp', 'email'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** Items are kept this many days, read or not. */
export const NOTIFICATION_DAYS = 90;
/** One group collects the notifications of its key that arrive within this many hours while unread. */
export const NOTIFICATION_GROUP_HOURS = 24;
/** The most items one page of the bell holds. */
export const NOTIFICATIONS_PAGE_MAX = 50;
/** Notifications one service may send one recipient in a minute; more are refused (`notification.too_many`). */
export const NOTIFICATIONS_PER_RECIPIENT_MINUTE = 60;
/** The local hour (in the reader's time zone) the daily digest is sent at, when the reader turned it on. */
export const NOTIFICATION_DIGEST_HOUR = 8;
/** The most items the service shell's bell lists (its dropdown); the rest are on the hub's `/notifications`. */
export const SHELL_BELL_MAX = 20;
/** The most items one mark-read call names. */
export const MARK_READ_MAX = 50;

/**
 * A category: lower-case words and dots, e.g. `social`, `space.comments`; the first word may hold hyphens, as a
 * service id may (`my-notes.comments`).
 */
export const notificationCategory = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_]*)*$/, 'Lower-case words and dots, e.g. space.comments.')
  .max(64);

/**
 * The text of a notification in each language the portal speaks, at most 200 characters; `{actors}` stands for
 * who did it ("Alice", "Alice and Bob", "Alice and 3 others"), which the hub writes as the group grows.
 */
export const notificationText = z
  .object({ en: z.string().trim().min(1).max(200), 'zh-CN': z.string().trim().min(1).max(200).optional() })
  .strict();

/** What a service (or the hub) sends: `orbit.notify(recipient, …)`. */
export const notifyBody = z
  .object({
    recipient: z.uuid(),
    /** What happened, namespaced by the service: `space.like`, `games.challenge`. */
    type: z
      .string()
      .regex(/^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_]*)+$/, 'Namespaced by the service id, e.g. space.like.')
      .max(64),
    category: notificationCategory,
    /** Notifications with the same key become one item while unread ("Alice and 9 others liked your photo"). */
    groupKey: z.string().min(1).max(200).optional(),
    /** Who did it: an account (its blocks and mutes with the recipient are honoured). */
    actor: z.uuid().optional(),
    /** What it is about, in the sender's terms (`photo:123`). */
    target: z.string().max(200).optional(),
    /** Where the bell links: an absolute https URL of the service (http on localhost), or a path of the hub. */
    url: z.string().max(2000).optional(),
    text: notificationText,
    /** Anything else the service's own UI wants back (at most 4 KiB as JSON). */
    data: z
      .record(z.string(), z.unknown())
      .refine((d) => JSON.stringify(d).length <= 4096, 'At most 4 KiB.')
      .optional(),
  })
  .strict();
export type NotifyInput = z.input<typeof notifyBody>;

/** Why a notification was not stored (the call still succeeds: the sender needn't know the recipient's settings). */
export const NOTIFY_OUTCOMES = ['stored', 'grouped', 'blocked', 'muted', 'disabled'] as const;
export const notifyAnswer = z.object({
  outcome: z.enum(NOTIFY_OUTCOMES),
  /** The item it became or joined; null when it was not stored. */
  id: z.uuid().nullable(),
});
export type NotifyAnswer = z.infer<typeof notifyAnswer>;

/** One item of the bell. */
export const notificationView = z
  .object({
    id: z.uuid(),
    /** `hub`, or the id of the service that sent it. */
    source: z.string(),
    type: z.string(),
    category: z.string(),
    /** Written for the reader's language, with `{actors}` filled in. */
    text: z.string(),
    /** The latest actors, newest first (at most 3), and how many there were in all. */
    actors: z.array(personCard),
    actorCount: z.number().int(),
    target: z.string().nullable(),
    url: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    read: z.boolean(),
    createdAt: instant,
    /** When the group last grew. */
    updatedAt: instant,
  })
  .meta({ id: 'Notification', description: 'One item of the bell.' });
export type NotificationView = z.infer<typeof notificationView>;

export const notificationsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(NOTIFICATIONS_PAGE_MAX).default(20),
  /** Only items updated before this one (paging, newest first): the `nextBefore` of the previous page. */
  before: z.string().max(200).optional(),
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  source: z.string().max(64).optional(),
});
export const notificationsPage = z.object({
  items: z.array(notificationView),
  unread: z.number().int(),
  /** Pass as `before` for the next page; null at the end. */
  nextBefore: z.string().nullable(),
});
export type NotificationsPage = z.infer<typeof notificationsPage>;

export const unreadAnswer = z.object({ unread: z.number().int() });

/** A category's channels, as the reader set them (absent: on). Critical categories are always on. */
export const notificationPreferences = z
  .object({
    categories: z.record(z.string(), z.object({ inApp: z.boolean(), email: z.boolean() })),
    /** Quiet hours in the account's time zone, `HH:MM`; email waits until they end. Null: none. */
    quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
    /** The account's time zone, which the quiet hours are in. */
    timeZone: z.string(),
    critical: z.array(z.string()),
    /**
     * One email a day at `digestHour` (the reader's time zone) listing the last day's unread notifications that
     * weren't emailed already. Off unless the reader turns it on.
     */
    digest: z.boolean(),
    digestHour: z.number().int(),
  })
  .meta({ id: 'NotificationPreferences', description: 'What reaches the reader, and how.' });
export type NotificationPreferencesView = z.infer<typeof notificationPreferences>;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour.');
export const notificationPreferencesBody = z
  .object({
    categories: z
      .record(notificationCategory, z.object({ inApp: z.boolean(), email: z.boolean() }).partial().strict())
      .optional(),
    quietHours: z
      .object({ start: clock, end: clock })
      .strict()
      .refine((q) => q.start !== q.end, 'Start and end must differ.')
      .nullable()
      .optional(),
    digest: z.boolean().optional(),
  })
  .strict();

/**
 * Marks items read: the ones named (`ids`, at most 50, the reader's own; others are skipped) or every one
 * (`all: true`). The service shell's bell sends it through its SDK (`POST /orbit/notifications/read`).
 */
export const markReadBody = z
  .object({
    ids: z.array(z.uuid()).min(1).max(MARK_READ_MAX).optional(),
    all: z.literal(true).optional(),
  })
  .strict()
  .refine(
    (b) => (b.ids === undefined) !== (b.all === undefined),
    'Name the items (ids) or all of them (all).',
  );
export type MarkReadBody = z.infer<typeof markReadBody>;

/** The service shell's bell: the latest few items (`GET /orbit/notifications?limit=`). */
export const shellBellQuery = z.object({
  limit: z.coerce.number().int().min(1).max(SHELL_BELL_MAX).default(8),
});
