import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts } from '../db/schema.js';

/** The social layer (issue 19): who is friends with whom, requests, blocks, mutes and discoverability. */
export const social = pgSchema('social');

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const account = (name: string) =>
  uuid(name)
    .notNull()
    .references((): AnyPgColumn => accounts.id, { onDelete: 'cascade' });

/** An account's friend groups (分组) besides the default one, which is no row: a friend with no group is in it. */
export const friendGroups = social.table(
  'friend_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: account('account_id'),
    name: text('name').notNull(),
    /** Order on the Friends page; the default group comes first. */
    position: integer('position').notNull(),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('friend_groups_name_key').on(t.accountId, sql`lower(${t.name})`),
    index('friend_groups_account_idx').on(t.accountId, t.position),
  ],
);

/**
 * One row per side of a friendship (two per pair), so each side keeps its own group, remark and special care. Both
 * rows are written and removed in one transaction.
 */
export const friendships = social.table(
  'friendships',
  {
    accountId: account('account_id'),
    friendId: account('friend_id'),
    groupId: uuid('group_id').references(() => friendGroups.id, { onDelete: 'set null' }),
    remark: text('remark'),
    specialCare: boolean('special_care').notNull().default(false),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.friendId] }),
    index('friendships_friend_idx').on(t.friendId),
    index('friendships_group_idx').on(t.groupId).where(sql`${t.groupId} is not null`),
  ],
);

/**
 * Friend requests. At most one open request (pending, or ignored: its sender sees it pending) per sender and recipient; one not answered by `expires_at` is
 * marked `expired` (by the hourly sweep, or when the sender asks again). `group_id` is the sender's group for the
 * new friend.
 */
export const friendRequests = social.table(
  'friend_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fromId: account('from_id'),
    toId: account('to_id'),
    message: text('message').notNull().default(''),
    groupId: uuid('group_id').references(() => friendGroups.id, { onDelete: 'set null' }),
    status: text('status', {
      enum: ['pending', 'accepted', 'declined', 'ignored', 'withdrawn', 'expired'],
    }).notNull(),
    createdAt: timestamptz('created_at').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    answeredAt: timestamptz('answered_at'),
  },
  (t) => [
    uniqueIndex('friend_requests_open_key')
      .on(t.fromId, t.toId)
      .where(sql`${t.status} in ('pending', 'ignored')`),
    index('friend_requests_to_idx').on(t.toId, t.createdAt),
    index('friend_requests_from_idx').on(t.fromId, t.createdAt),
    check(
      'friend_requests_status_check',
      sql`${t.status} IN ('pending', 'accepted', 'declined', 'ignored', 'withdrawn', 'expired')`,
    ),
  ],
);

/** Blocks: `blocker_id` blocked `blocked_id`. Either direction keeps the two apart. */
export const blocks = social.table(
  'blocks',
  {
    blockerId: account('blocker_id'),
    blockedId: account('blocked_id'),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.blockerId, t.blockedId] }), index('blocks_blocked_idx').on(t.blockedId)],
);

/** Mutes: `muter_id` hides `muted_id`'s activity, until `until` (null: until lifted). Never shown to the muted. */
export const mutes = social.table(
  'mutes',
  {
    muterId: account('muter_id'),
    mutedId: account('muted_id'),
    createdAt: timestamptz('created_at').notNull(),
    until: timestamptz('until'),
  },
  (t) => [primaryKey({ columns: [t.muterId, t.mutedId] })],
);

/**
 * Who finds an account and may ask to be friends; an account without a row has the defaults (findable by account
 * number and handle, not by email; requests from anyone; suggested to friends of friends).
 */
export const discoverability = social.table(
  'discoverability',
  {
    accountId: uuid('account_id')
      .primaryKey()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    findableByAccountNumber: boolean('findable_by_account_number').notNull().default(true),
    findableByHandle: boolean('findable_by_handle').notNull().default(true),
    findableByEmail: boolean('findable_by_email').notNull().default(false),
    requests: text('requests', { enum: ['anyone', 'question', 'nobody'] })
      .notNull()
      .default('anyone'),
    question: text('question'),
    /** SHA-256 of the expected answer, normalised (NFKC, trimmed, lower case); never shown. */
    answerHash: text('answer_hash'),
    suggestable: boolean('suggestable').notNull().default(true),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    check('discoverability_requests_check', sql`${t.requests} IN ('anyone', 'question', 'nobody')`),
    check(
      'discoverability_question_check',
      sql`${t.requests} <> 'question' OR (${t.question} IS NOT NULL AND ${t.answerHash} IS NOT NULL)`,
    ),
  ],
);

const visibility = (name: string, fallback: 'public' | 'friends' | 'only_me') =>
  text(name, { enum: ['public', 'friends', 'only_me'] })
    .notNull()
    .default(fallback);

/**
 * Who sees each profile field (the privacy centre), and the audience new posts get by default. An account without a
 * row has the defaults of `DEFAULT_FIELD_VISIBILITY` in @orbit/contracts, which these column defaults repeat.
 */
export const profileVisibility = social.table('profile_visibility', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  email: visibility('email', 'only_me'),
  bio: visibility('bio', 'public'),
  birthday: visibility('birthday', 'friends'),
  location: visibility('location', 'friends'),
  gender: visibility('gender', 'public'),
  friendsList: visibility('friends_list', 'friends'),
  counts: visibility('counts', 'public'),
  defaultAudience: visibility('default_audience', 'public'),
  updatedAt: timestamptz('updated_at').notNull(),
});

export const socialSchema = {
  friendGroups,
  friendships,
  friendRequests,
  blocks,
  mutes,
  discoverability,
  profileVisibility,
};
