import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts } from '../db/schema.js';

/** Notifications (issue 19, point 4): the bell's items and each account's preferences. */
export const notify = pgSchema('notifications');

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const account = (name: string) =>
  uuid(name)
    .notNull()
    .references((): AnyPgColumn => accounts.id, { onDelete: 'cascade' });

/**
 * One item of an account's bell. Notifications with the same group key that arrive while the item is unread, within
 * one window (`bucket`: hours since the epoch divided by the window), grow that item: its actors and count.
 */
export const notificationItems = notify.table(
  'items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: account('account_id'),
    /** `hub`, or the sending service's id. */
    source: text('source').notNull(),
    type: text('type').notNull(),
    category: text('category').notNull(),
    groupKey: text('group_key'),
    bucket: integer('bucket').notNull(),
    /** The latest distinct actors, newest first (at most 3 kept). */
    actorIds: uuid('actor_ids').array().notNull().default(sql`'{}'::uuid[]`),
    actorCount: integer('actor_count').notNull().default(0),
    target: text('target'),
    url: text('url'),
    /** `{ en, 'zh-CN'? }`, `{actors}` standing for who did it. */
    text: jsonb('text').$type<{ en: string; 'zh-CN'?: string | undefined }>().notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
    readAt: timestamptz('read_at'),
    /** When it was mailed (its own email, or a daily digest): a digest lists only items not mailed yet. */
    emailedAt: timestamptz('emailed_at'),
  },
  (t) => [
    // The bell, newest first, and its unread count.
    index('items_account_idx').on(t.accountId, t.updatedAt.desc(), t.id.desc()),
    index('items_unread_idx').on(t.accountId).where(sql`${t.readAt} is null`),
    uniqueIndex('items_group_key')
      .on(t.accountId, t.source, t.groupKey, t.bucket)
      .where(sql`${t.readAt} is null and ${t.groupKey} is not null`),
    index('items_updated_idx').on(t.updatedAt),
  ],
);

/** A category's channels as the account set them; a category without a row is on in-app, off by email. */
export const notificationPreferences = notify.table(
  'preferences',
  {
    accountId: account('account_id'),
    category: text('category').notNull(),
    inApp: boolean('in_app').notNull(),
    email: boolean('email').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.category] })],
);

/**
 * Quiet hours, minutes after midnight in the account's time zone (email waits for their end), and the daily
 * digest: on or off, and when the next one is due (the digest hour of the next local day, set as each is sent).
 */
export const notificationSettings = notify.table(
  'settings',
  {
    accountId: uuid('account_id')
      .primaryKey()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    quietStart: smallint('quiet_start'),
    quietEnd: smallint('quiet_end'),
    digest: boolean('digest').notNull().default(false),
    digestNextAt: timestamptz('digest_next_at'),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [index('settings_digest_due_idx').on(t.digestNextAt).where(sql`${t.digest}`)],
);

export const notificationsSchema = { notificationItems, notificationPreferences, notificationSettings };
