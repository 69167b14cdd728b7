import { createHash } from 'node:crypto';
import {
  BLOCK_ADDED_EVENT,
  BLOCK_REMOVED_EVENT,
  type DiscoverabilityInput,
  type DiscoverabilityView,
  FRIEND_ADDED_EVENT,
  FRIEND_REMOVED_EVENT,
  FRIEND_REQUEST_DAYS,
  FRIEND_REQUESTS_PER_DAY,
  type FriendGroupView,
  type FriendRequestsAnswer,
  type FriendRequestView,
  type FriendsAnswer,
  type FriendView,
  MAX_FRIEND_GROUPS,
  MAX_FRIENDS,
  type PersonCard,
  type PersonResult,
  type RelationshipView,
  type RequestPolicy,
  type RequestStatus,
  type SocialFriends,
  type SocialRelationship,
} from '@orbit/contracts';
import { uniqueViolation } from '@orbit/db';
import { and, asc, count, desc, eq, gt, inArray, isNull, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, alias } from 'drizzle-orm/pg-core';
import type { Clock } from '../clock.js';
import { accounts } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import { SOCIAL_ERRORS } from './errors.js';
import type { SocialChange, SocialChangeNotifier } from './events.js';
import { blocks, discoverability, friendGroups, friendRequests, friendships, mutes } from './schema.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A request still open: waiting for an answer, or ignored (which its sender sees as waiting). */
const OPEN = ['pending', 'ignored'] as const;
/** How many people "people you may know" answers at most. */
const SUGGESTIONS = 20;
/** Answered and expired requests are kept this long (the sender sees "declined"), then swept. */
const ANSWERED_KEPT_MS = FRIEND_REQUEST_DAYS * DAY_MS;

/** When a request ended: its answer, or its expiry while it is open or was ignored (raw SQL). */
const endedAt = sql`coalesce(${friendRequests.answeredAt}, ${friendRequests.expiresAt})`;
/** A time as a parameter of raw SQL (where no column maps it, and the postgres driver takes no `Date`). */
const instant = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/** The discoverability an account without a row has. */
const DEFAULT_DISCOVERABILITY: DiscoverabilityView = {
  findableByAccountNumber: true,
  findableByHandle: true,
  findableByEmail: false,
  requests: 'anyone',
  question: null,
  suggestable: true,
};

/** The expected answer to a friend question, as stored and compared: NFKC, trimmed, lower case, hashed. */
export function answerHash(answer: string): string {
  const normalised = answer.normalize('NFKC').trim().toLocaleLowerCase('en-US');
  return createHash('sha256').update(`orbit.social.answer:${normalised}`).digest('base64url');
}

/** The columns of a person card, from `accounts`. */
const cardColumns = {
  id: accounts.id,
  accountNumber: accounts.accountNumber,
  handle: accounts.handle,
  displayName: accounts.displayName,
  avatarUpdatedAt: accounts.avatarUpdatedAt,
};
interface CardRow {
  id: string;
  accountNumber: number;
  handle: string;
  displayName: string;
  avatarUpdatedAt: Date | null;
}

export function personCardOf(row: CardRow): PersonCard {
  return {
    id: row.id,
    accountNumber: String(row.accountNumber),
    handle: row.handle,
    displayName: row.displayName,
    picture: row.avatarUpdatedAt
      ? `/api/accounts/${row.id}/avatar?v=${row.avatarUpdatedAt.getTime().toString(36)}`
      : null,
  };
}

const tooMany = (
  entry: typeof SOCIAL_ERRORS.socialTooManyRequests | typeof SOCIAL_ERRORS.socialTooManySearches,
  retryAfterSeconds: number,
) =>
  new AppError(
    entry.status,
    entry.code,
    entry.message,
    { retryAfterSeconds },
    { 'Retry-After': String(retryAfterSeconds) },
  );

/** Whether `a` and `b` are kept apart by a block, either way (a condition on `blocks`). */
const blockedBetween = (a: string, b: SQL | AnyPgColumn | string) =>
  sql`exists (select 1 from ${blocks} where (${blocks.blockerId} = ${a} and ${blocks.blockedId} = ${b}) or (${blocks.blockerId} = ${b} and ${blocks.blockedId} = ${a}))`;

/** Whether `blocker` blocked `blockee` (raw SQL). */
const blockedSql = (blocker: SQL | string, blockee: SQL | string) =>
  sql<boolean>`exists (select 1 from ${blocks} where ${blocks.blockerId} = ${blocker} and ${blocks.blockedId} = ${blockee})`;

/**
 * How `viewer` stands with `other` at `now`, as columns for a statement of another module that needs it in its own
 * round trip (a notification's check): blocks either way, and a mute still running. The rules of `relationships`.
 */
export function standingSql(viewer: SQL, other: SQL, now: SQL) {
  return {
    blocking: blockedSql(viewer, other),
    blockedBy: blockedSql(other, viewer),
    muting: sql<boolean>`exists (select 1 from ${mutes} where ${mutes.muterId} = ${viewer} and ${mutes.mutedId} = ${other} and (${mutes.until} is null or ${mutes.until} > ${now}))`,
  };
}

/** Search throttle per account: this many searches in the window, then a wait of the window. */
export interface SearchLimit {
  /** Seconds to wait before the next search, or 0; counts the search when it may go ahead. */
  take(accountId: string): Promise<number>;
}

/**
 * Friends, friend groups, requests, blocks, mutes and discoverability (issue 19, point 1). Every change of more
 * than one row is one transaction; a friendship is two rows (one per side), so each side keeps its own group and
 * remark, and removing it removes both.
 */
export function createSocial({
  db,
  clock,
  searchLimit,
  events,
}: {
  db: IdentityDb;
  clock: Clock;
  searchLimit?: SearchLimit | undefined;
  /** Told of every friendship and block change inside its transaction (the events services get). */
  events?: SocialChangeNotifier | undefined;
}) {
  /** Tells services of a change, in the transaction that makes it. */
  const changed = (tx: Queryable, change: SocialChange) => events?.changed(tx, change);

  /** The account's card, or 404 for an unknown id (or one that isn't a uuid: the route checks that). */
  async function card(q: Queryable, id: string): Promise<PersonCard> {
    const [row] = await q.select(cardColumns).from(accounts).where(eq(accounts.id, id));
    if (!row) throw SOCIAL_ERRORS.socialPersonNotFound.error();
    return personCardOf(row);
  }

  async function settingsOf(q: Queryable, accountId: string) {
    const [row] = await q.select().from(discoverability).where(eq(discoverability.accountId, accountId));
    return row;
  }

  function viewSettings(row: Awaited<ReturnType<typeof settingsOf>>): DiscoverabilityView {
    if (!row) return DEFAULT_DISCOVERABILITY;
    return {
      findableByAccountNumber: row.findableByAccountNumber,
      findableByHandle: row.findableByHandle,
      findableByEmail: row.findableByEmail,
      requests: row.requests,
      question: row.question,
      suggestable: row.suggestable,
    };
  }

  /** A group of `accountId`'s, or 404. `null` (the default group) always exists. */
  async function ownGroup(q: Queryable, accountId: string, groupId: string | null | undefined) {
    if (groupId === null || groupId === undefined) return null;
    const [row] = await q
      .select({ id: friendGroups.id })
      .from(friendGroups)
      .where(and(eq(friendGroups.id, groupId), eq(friendGroups.accountId, accountId)));
    if (!row) throw SOCIAL_ERRORS.socialGroupNotFound.error();
    return row.id;
  }

  /** Mutual friends of `viewer` with each of `others`: friends of the viewer who are friends of theirs too. */
  async function mutualCounts(q: Queryable, viewer: string, others: string[]): Promise<Map<string, number>> {
    if (others.length === 0) return new Map();
    const theirs = alias(friendships, 'theirs');
    const rows = await q
      .select({ id: theirs.accountId, n: count() })
      .from(friendships)
      .innerJoin(theirs, eq(theirs.friendId, friendships.friendId))
      .where(and(eq(friendships.accountId, viewer), inArray(theirs.accountId, others)))
      .groupBy(theirs.accountId);
    return new Map(rows.map((r) => [r.id, Number(r.n)]));
  }

  /** How `viewer` stands with each of `ids` that exists (unknown ids are left out), in one statement. */
  async function relationships(q: Queryable, viewer: string, ids: string[]): Promise<RelationshipView[]> {
    if (ids.length === 0) return [];
    const now = clock.now();
    // The viewer's own request counts while the other ignored it (the sender is not told); theirs only while pending.
    const pending = (from: SQL | string, to: SQL | string, statuses: readonly RequestStatus[]) =>
      sql<boolean>`exists (select 1 from ${friendRequests} where ${friendRequests.fromId} = ${from} and ${friendRequests.toId} = ${to} and ${inArray(friendRequests.status, [...statuses])} and ${gt(friendRequests.expiresAt, now)})`;
    const other = sql`${accounts.id}`;
    const rows = await q
      .select({
        id: accounts.id,
        friendSince: friendships.createdAt,
        groupId: friendships.groupId,
        remark: friendships.remark,
        specialCare: friendships.specialCare,
        requested: pending(viewer, other, OPEN),
        requestedBy: pending(other, viewer, ['pending']),
        blocking: blockedSql(viewer, other),
        blockedBy: blockedSql(other, viewer),
        mutedAt: mutes.createdAt,
        mutedUntil: mutes.until,
      })
      .from(accounts)
      .leftJoin(friendships, and(eq(friendships.accountId, viewer), eq(friendships.friendId, accounts.id)))
      .leftJoin(
        mutes,
        and(
          eq(mutes.muterId, viewer),
          eq(mutes.mutedId, accounts.id),
          or(isNull(mutes.until), gt(mutes.until, now)),
        ),
      )
      .where(inArray(accounts.id, ids));
    return rows.map((r) => ({
      id: r.id,
      friend: r.friendSince !== null,
      groupId: r.groupId ?? null,
      remark: r.remark ?? null,
      specialCare: r.specialCare ?? false,
      requested: Boolean(r.requested),
      requestedBy: Boolean(r.requestedBy),
      blocking: Boolean(r.blocking),
      blockedBy: Boolean(r.blockedBy),
      muting: r.mutedAt !== null,
      mutedUntil: r.mutedUntil ? r.mutedUntil.toISOString() : null,
    }));
  }

  async function relationshipWith(q: Queryable, viewer: string, other: string): Promise<RelationshipView> {
    const [found] = await relationships(q, viewer, [other]);
    if (!found) throw SOCIAL_ERRORS.socialPersonNotFound.error();
    return found;
  }

  /** Person results (search, suggestions) for `rows`, in their order. */
  async function results(viewer: string, rows: CardRow[]): Promise<PersonResult[]> {
    const ids = rows.map((r) => r.id);
    const [rels, mutual, settings] = await Promise.all([
      relationships(db, viewer, ids),
      mutualCounts(db, viewer, ids),
      ids.length === 0
        ? Promise.resolve([])
        : db.select().from(discoverability).where(inArray(discoverability.accountId, ids)),
    ]);
    const relOf = new Map(rels.map((r) => [r.id, r]));
    const settingsOfId = new Map(settings.map((s) => [s.accountId, viewSettings(s)]));
    return rows.flatMap((row) => {
      const relationship = relOf.get(row.id);
      if (!relationship) return [];
      const s = settingsOfId.get(row.id) ?? DEFAULT_DISCOVERABILITY;
      return [
        {
          person: personCardOf(row),
          relationship,
          mutualFriends: mutual.get(row.id) ?? 0,
          requests: s.requests,
          question: s.requests === 'question' ? s.question : null,
        },
      ];
    });
  }

  /** The viewer's friends as the Friends page shows them (all, or the one `friendId`), special care first. */
  async function friendViews(q: Queryable, viewer: string, friendId?: string): Promise<FriendView[]> {
    const rows = await q
      .select({
        ...cardColumns,
        groupId: friendships.groupId,
        remark: friendships.remark,
        specialCare: friendships.specialCare,
        since: friendships.createdAt,
        mutedAt: mutes.createdAt,
      })
      .from(friendships)
      .innerJoin(accounts, eq(accounts.id, friendships.friendId))
      .leftJoin(
        mutes,
        and(
          eq(mutes.muterId, viewer),
          eq(mutes.mutedId, friendships.friendId),
          or(isNull(mutes.until), gt(mutes.until, clock.now())),
        ),
      )
      .where(
        and(eq(friendships.accountId, viewer), friendId ? eq(friendships.friendId, friendId) : undefined),
      )
      .orderBy(
        desc(friendships.specialCare),
        asc(sql`lower(coalesce(${friendships.remark}, ${accounts.displayName}))`),
      );
    return rows.map((row) => ({
      ...personCardOf(row),
      groupId: row.groupId,
      remark: row.remark,
      specialCare: row.specialCare,
      muted: row.mutedAt !== null,
      since: row.since.toISOString(),
    }));
  }

  async function friendView(q: Queryable, viewer: string, friendId: string): Promise<FriendView> {
    const [view] = await friendViews(q, viewer, friendId);
    if (!view) throw SOCIAL_ERRORS.socialNotFriends.error();
    return view;
  }

  async function groupsOf(q: Queryable, accountId: string): Promise<FriendGroupView[]> {
    const [groups, counts] = await Promise.all([
      q
        .select({ id: friendGroups.id, name: friendGroups.name, position: friendGroups.position })
        .from(friendGroups)
        .where(eq(friendGroups.accountId, accountId))
        .orderBy(asc(friendGroups.position), asc(friendGroups.createdAt)),
      q
        .select({ groupId: friendships.groupId, n: count() })
        .from(friendships)
        .where(eq(friendships.accountId, accountId))
        .groupBy(friendships.groupId),
    ]);
    const countOf = new Map(counts.map((c) => [c.groupId, Number(c.n)]));
    return [
      { id: null, name: null, position: 0, friends: countOf.get(null) ?? 0 },
      ...groups.map((g, i) => ({ id: g.id, name: g.name, position: i + 1, friends: countOf.get(g.id) ?? 0 })),
    ];
  }

  async function friendCount(q: Queryable, accountId: string): Promise<number> {
    const [row] = await q
      .select({ n: count() })
      .from(friendships)
      .where(eq(friendships.accountId, accountId));
    return Number(row?.n ?? 0);
  }

  /** Makes `a` and `b` friends, each side filed in its group; refuses when either has the most friends. */
  async function befriend(
    tx: Queryable,
    a: { id: string; groupId: string | null; remark?: string | null },
    b: { id: string; groupId: string | null; remark?: string | null },
  ): Promise<void> {
    const [na, nb] = [await friendCount(tx, a.id), await friendCount(tx, b.id)];
    if (na >= MAX_FRIENDS || nb >= MAX_FRIENDS) throw SOCIAL_ERRORS.socialTooManyFriends.error();
    const now = clock.now();
    await tx
      .insert(friendships)
      .values([
        { accountId: a.id, friendId: b.id, groupId: a.groupId, remark: a.remark || null, createdAt: now },
        { accountId: b.id, friendId: a.id, groupId: b.groupId, remark: b.remark || null, createdAt: now },
      ])
      .onConflictDoNothing();
  }

  /** Marks the pair's pending requests (either way) with `status`, e.g. when they become friends or one blocks. */
  async function closePending(
    tx: Queryable,
    from: string,
    to: string,
    status: 'accepted' | 'declined' | 'withdrawn',
  ): Promise<void> {
    await tx
      .update(friendRequests)
      .set({ status, answeredAt: clock.now() })
      .where(
        and(
          eq(friendRequests.fromId, from),
          eq(friendRequests.toId, to),
          inArray(friendRequests.status, [...OPEN]),
        ),
      );
  }

  async function requestView(
    q: Queryable,
    viewer: string,
    rows: Array<typeof friendRequests.$inferSelect>,
    side: 'sent' | 'received',
  ): Promise<FriendRequestView[]> {
    const otherOf = (r: (typeof rows)[number]) => (side === 'sent' ? r.toId : r.fromId);
    const ids = [...new Set(rows.map(otherOf))];
    if (ids.length === 0) return [];
    const [cards, mutual] = await Promise.all([
      q.select(cardColumns).from(accounts).where(inArray(accounts.id, ids)),
      mutualCounts(q, viewer, ids),
    ]);
    const cardOf = new Map(cards.map((c) => [c.id, personCardOf(c)]));
    const now = clock.now();
    return rows.flatMap((r) => {
      const person = cardOf.get(otherOf(r));
      if (!person) return [];
      // An ignored request reads as pending to its sender, as QQ does; an overdue one as expired.
      let status = r.status;
      if (status === 'pending' && r.expiresAt <= now) status = 'expired';
      if (side === 'sent' && status === 'ignored') status = r.expiresAt <= now ? 'expired' : 'pending';
      return [
        {
          id: r.id,
          person,
          message: r.message,
          status,
          mutualFriends: mutual.get(person.id) ?? 0,
          createdAt: r.createdAt.toISOString(),
          expiresAt: r.expiresAt.toISOString(),
        },
      ];
    });
  }

  /** The recipient's pending request `id`, locked for the answer; 404 when it isn't one. */
  async function pendingTo(tx: Queryable, viewer: string, id: string) {
    const [row] = await tx
      .select()
      .from(friendRequests)
      .where(
        and(
          eq(friendRequests.id, id),
          eq(friendRequests.toId, viewer),
          inArray(friendRequests.status, ['pending', 'ignored']),
          gt(friendRequests.expiresAt, clock.now()),
        ),
      )
      .for('update');
    if (!row) throw SOCIAL_ERRORS.socialRequestNotFound.error();
    return row;
  }

  /**
   * The service API's relationship batch, built and prepared once: services ask it on every cache miss (issue 19
   * wants 2,000 batches of 100 a second). `relationships` above, with its request columns, an `IN` list of as many
   * parameters as ids and a row of eleven columns per id, was built by drizzle, parsed and planned by PostgreSQL,
   * and read and mapped row by row on every call. This one takes the ids as one comma-separated parameter (checked
   * uuids: the statement is the same for any number of them) and answers one row: which ids name no account (none,
   * mostly), and only the ids that are friends (with the viewer's group), blocked, blocking or muted — each found
   * by one index scan over all the ids at once, instead of a probe per id and table. No row: no such viewer.
   */
  const viewerParam = sql`${sql.placeholder('viewer')}::uuid`;
  // `offset 0` keeps this a subquery of its own, computed once: pulled up into the statement, the cast of the text to
  // a uuid[] was inlined into every `= any(asked.ids)` and ran again for each row it tested (two thirds of the
  // statement's CPU, measured).
  const asked = sql`(select string_to_array(${sql.placeholder('ids')}::text, ',')::uuid[] as ids offset 0) as asked`;
  /** The ids among `asked.ids` of `column`'s rows that match `where`, comma-separated (null for none). */
  const idsOf = (column: SQL, from: SQL, where: SQL) =>
    sql<
      string | null
    >`(select string_agg(${column}::text, ',') from ${from} where ${where} and ${column} = any(asked.ids))`;
  const serviceBatch = db
    .select({
      unknown: sql<string | null>`(select string_agg(x::text, ',') from unnest(asked.ids) x
        where not exists (select 1 from ${accounts} a where a.id = x))`,
      friends: sql<
        string | null
      >`(select string_agg(f.friend_id::text || ':' || coalesce(f.group_id::text, ''), ',')
        from ${friendships} f where f.account_id = ${viewerParam} and f.friend_id = any(asked.ids))`,
      blocking: idsOf(sql`b.blocked_id`, sql`${blocks} b`, sql`b.blocker_id = ${viewerParam}`),
      blockedBy: idsOf(sql`b.blocker_id`, sql`${blocks} b`, sql`b.blocked_id = ${viewerParam}`),
      muting: idsOf(
        sql`m.muted_id`,
        sql`${mutes} m`,
        sql`m.muter_id = ${viewerParam} and (m.until is null or m.until > ${sql.placeholder('now')}::timestamptz)`,
      ),
    })
    .from(accounts)
    .crossJoin(asked)
    .where(eq(accounts.id, viewerParam))
    .prepare('social_service_relationships');

  const mustNotBeSelf = (viewer: string, other: string) => {
    if (viewer === other) throw SOCIAL_ERRORS.socialSelf.error();
  };

  return {
    relationships: (viewer: string, ids: string[]) => relationships(db, viewer, ids),
    relationship: (viewer: string, other: string) => relationshipWith(db, viewer, other),

    /**
     * The service API's relationship batch (`POST /api/v1/social/relationships`): how `viewer` stands with each of
     * `ids` that exists, without what is the viewer's own (remarks, special care, requests); undefined when the
     * viewer is no account. `ids` are uuids in lower case.
     */
    async serviceRelationships(
      viewer: string,
      ids: string[],
    ): Promise<Record<string, SocialRelationship> | undefined> {
      const [row] = await serviceBatch.execute({
        viewer,
        ids: ids.join(','),
        now: clock.now().toISOString(),
      });
      if (!row) return undefined;
      const list = (joined: string | null) => (joined ? joined.split(',') : []);
      const unknown = new Set(list(row.unknown));
      const groupOf = new Map(list(row.friends).map((pair) => pair.split(':') as [string, string]));
      const blocking = new Set(list(row.blocking));
      const blockedBy = new Set(list(row.blockedBy));
      const muting = new Set(list(row.muting));
      const answer: Record<string, SocialRelationship> = {};
      for (const id of ids) {
        if (unknown.has(id)) continue;
        const group = groupOf.get(id);
        answer[id] = {
          friend: group !== undefined,
          groupId: group || null,
          blocking: blocking.has(id),
          blockedBy: blockedBy.has(id),
          muting: muting.has(id),
        };
      }
      return answer;
    },

    /**
     * An account's friends with its group for each, and its groups (`GET /api/v1/social/friends/:sub` adds the
     * privacy centre's default audience).
     */
    async friendsOf(sub: string): Promise<Omit<SocialFriends, 'defaultAudience'> | undefined> {
      const [account, groups, friends] = await Promise.all([
        db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, sub)),
        groupsOf(db, sub),
        db
          .select({ id: friendships.friendId, groupId: friendships.groupId })
          .from(friendships)
          .where(eq(friendships.accountId, sub))
          .orderBy(asc(friendships.createdAt), asc(friendships.friendId)),
      ]);
      if (account.length === 0) return undefined;
      return { sub, friends, groups };
    },

    /** The account's friends, and its groups with how many friends each holds. */
    async friends(viewer: string): Promise<FriendsAnswer> {
      const [groups, friends] = await Promise.all([groupsOf(db, viewer), friendViews(db, viewer)]);
      return { groups, friends };
    },

    async updateFriend(
      viewer: string,
      friendId: string,
      patch: {
        groupId?: string | null | undefined;
        remark?: string | null | undefined;
        specialCare?: boolean | undefined;
      },
    ): Promise<FriendView> {
      return db.transaction(async (tx) => {
        const set: Partial<typeof friendships.$inferInsert> = {};
        if (patch.groupId !== undefined) set.groupId = await ownGroup(tx, viewer, patch.groupId);
        if (patch.remark !== undefined) set.remark = patch.remark || null;
        if (patch.specialCare !== undefined) set.specialCare = patch.specialCare;
        const changed =
          Object.keys(set).length === 0
            ? await tx
                .select({ id: friendships.friendId })
                .from(friendships)
                .where(and(eq(friendships.accountId, viewer), eq(friendships.friendId, friendId)))
            : await tx
                .update(friendships)
                .set(set)
                .where(and(eq(friendships.accountId, viewer), eq(friendships.friendId, friendId)))
                .returning({ id: friendships.friendId });
        if (changed.length === 0) throw SOCIAL_ERRORS.socialNotFriends.error();
        return friendView(tx, viewer, friendId);
      });
    },

    /** Ends a friendship on both sides, silently (the other is not told). */
    async removeFriend(viewer: string, friendId: string): Promise<void> {
      await db.transaction(async (tx) => {
        const gone = await tx
          .delete(friendships)
          .where(
            or(
              and(eq(friendships.accountId, viewer), eq(friendships.friendId, friendId)),
              and(eq(friendships.accountId, friendId), eq(friendships.friendId, viewer)),
            ),
          )
          .returning({ id: friendships.accountId });
        if (gone.length === 0) throw SOCIAL_ERRORS.socialNotFriends.error();
        await changed(tx, { event: FRIEND_REMOVED_EVENT, sub: viewer, other: friendId });
      });
    },

    groups: (viewer: string) => groupsOf(db, viewer),

    async createGroup(viewer: string, name: string): Promise<FriendGroupView> {
      try {
        return await db.transaction(async (tx) => {
          const existing = await tx
            .select({ position: friendGroups.position })
            .from(friendGroups)
            .where(eq(friendGroups.accountId, viewer))
            .for('update');
          if (existing.length >= MAX_FRIEND_GROUPS) throw SOCIAL_ERRORS.socialTooManyGroups.error();
          const position = Math.max(0, ...existing.map((g) => g.position)) + 1;
          const [row] = await tx
            .insert(friendGroups)
            .values({ accountId: viewer, name, position, createdAt: clock.now() })
            .returning();
          return { id: row!.id, name: row!.name, position: existing.length + 1, friends: 0 };
        });
      } catch (error) {
        if (uniqueViolation(error) === 'friend_groups_name_key')
          throw SOCIAL_ERRORS.socialGroupNameTaken.error();
        throw error;
      }
    },

    async renameGroup(viewer: string, groupId: string, name: string): Promise<FriendGroupView> {
      try {
        const [row] = await db
          .update(friendGroups)
          .set({ name })
          .where(and(eq(friendGroups.id, groupId), eq(friendGroups.accountId, viewer)))
          .returning({ id: friendGroups.id });
        if (!row) throw SOCIAL_ERRORS.socialGroupNotFound.error();
      } catch (error) {
        if (uniqueViolation(error) === 'friend_groups_name_key')
          throw SOCIAL_ERRORS.socialGroupNameTaken.error();
        throw error;
      }
      const groups = await groupsOf(db, viewer);
      return groups.find((g) => g.id === groupId)!;
    },

    /** Puts every group in the given order (each once; the default group stays first). */
    async reorderGroups(viewer: string, ids: string[]): Promise<FriendGroupView[]> {
      return db.transaction(async (tx) => {
        const existing = await tx
          .select({ id: friendGroups.id })
          .from(friendGroups)
          .where(eq(friendGroups.accountId, viewer))
          .for('update');
        const known = new Set(existing.map((g) => g.id));
        if (
          ids.length !== known.size ||
          new Set(ids).size !== ids.length ||
          !ids.every((id) => known.has(id))
        ) {
          throw SOCIAL_ERRORS.socialGroupOrderMismatch.error({ groups: existing.length });
        }
        for (const [i, id] of ids.entries()) {
          await tx
            .update(friendGroups)
            .set({ position: i + 1 })
            .where(eq(friendGroups.id, id));
        }
        return groupsOf(tx, viewer);
      });
    },

    /** Removes a group; its friends fall back to the default group (the foreign key sets theirs to null). */
    async deleteGroup(viewer: string, groupId: string): Promise<void> {
      const gone = await db
        .delete(friendGroups)
        .where(and(eq(friendGroups.id, groupId), eq(friendGroups.accountId, viewer)))
        .returning({ id: friendGroups.id });
      if (gone.length === 0) throw SOCIAL_ERRORS.socialGroupNotFound.error();
    },

    /**
     * Asks `input.to` to be friends. Refused (without saying which) when they blocked the viewer or take no
     * requests from them; when they had asked the viewer too, the two are friends at once.
     */
    async sendRequest(
      viewer: string,
      input: {
        to: string;
        message: string;
        groupId?: string | null | undefined;
        answer?: string | undefined;
      },
    ): Promise<{ request: FriendRequestView | null; friend: FriendView | null }> {
      mustNotBeSelf(viewer, input.to);
      try {
        return await db.transaction(async (tx) => {
          const now = clock.now();
          await card(tx, input.to);
          const rel = await relationshipWith(tx, viewer, input.to);
          if (rel.blocking) throw SOCIAL_ERRORS.socialBlocking.error();
          if (rel.blockedBy) throw SOCIAL_ERRORS.socialRequestsClosed.error();
          if (rel.friend) throw SOCIAL_ERRORS.socialAlreadyFriends.error();
          const groupId = await ownGroup(tx, viewer, input.groupId);

          if (rel.requestedBy) {
            // They asked first: answering their request with one's own is accepting it.
            const [theirs] = await tx
              .select()
              .from(friendRequests)
              .where(
                and(
                  eq(friendRequests.fromId, input.to),
                  eq(friendRequests.toId, viewer),
                  eq(friendRequests.status, 'pending'),
                ),
              )
              .for('update');
            if (theirs) {
              await befriend(tx, { id: viewer, groupId }, { id: input.to, groupId: theirs.groupId });
              await closePending(tx, input.to, viewer, 'accepted');
              await changed(tx, { event: FRIEND_ADDED_EVENT, sub: viewer, other: input.to });
              return { request: null, friend: await friendView(tx, viewer, input.to) };
            }
          }

          const settings = viewSettings(await settingsOf(tx, input.to));
          if (settings.requests === 'nobody') throw SOCIAL_ERRORS.socialRequestsClosed.error();
          if (settings.requests === 'question') {
            const [row] = await tx
              .select({ hash: discoverability.answerHash })
              .from(discoverability)
              .where(eq(discoverability.accountId, input.to));
            if (!input.answer || !row?.hash || answerHash(input.answer) !== row.hash) {
              throw SOCIAL_ERRORS.socialAnswerWrong.error({ question: settings.question });
            }
          }

          // The daily allowance, counted in the transaction (requests that fail cost nothing).
          const since = new Date(now.getTime() - DAY_MS);
          const recent = await tx
            .select({ at: friendRequests.createdAt })
            .from(friendRequests)
            .where(and(eq(friendRequests.fromId, viewer), gt(friendRequests.createdAt, since)))
            .orderBy(asc(friendRequests.createdAt));
          if (recent.length >= FRIEND_REQUESTS_PER_DAY) {
            const freeAt = recent[recent.length - FRIEND_REQUESTS_PER_DAY]!.at.getTime() + DAY_MS;
            throw tooMany(
              SOCIAL_ERRORS.socialTooManyRequests,
              Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000)),
            );
          }

          // An overdue request of the same pair gives way to the new one.
          await tx
            .update(friendRequests)
            .set({ status: 'expired' })
            .where(
              and(
                eq(friendRequests.fromId, viewer),
                eq(friendRequests.toId, input.to),
                inArray(friendRequests.status, [...OPEN]),
                lte(friendRequests.expiresAt, now),
              ),
            );
          const [row] = await tx
            .insert(friendRequests)
            .values({
              fromId: viewer,
              toId: input.to,
              message: input.message,
              groupId,
              status: 'pending',
              createdAt: now,
              expiresAt: new Date(now.getTime() + FRIEND_REQUEST_DAYS * DAY_MS),
            })
            .returning();
          const [view] = await requestView(tx, viewer, [row!], 'sent');
          return { request: view!, friend: null };
        });
      } catch (error) {
        if (uniqueViolation(error) === 'friend_requests_open_key')
          throw SOCIAL_ERRORS.socialRequestExists.error();
        throw error;
      }
    },

    /** Requests the account received and hasn't answered, and those it sent that are open or ended in the last 30 days. */
    async requests(viewer: string): Promise<FriendRequestsAnswer> {
      const now = clock.now();
      const [received, sent] = await Promise.all([
        db
          .select()
          .from(friendRequests)
          .where(
            and(
              eq(friendRequests.toId, viewer),
              eq(friendRequests.status, 'pending'),
              gt(friendRequests.expiresAt, now),
            ),
          )
          .orderBy(desc(friendRequests.createdAt))
          .limit(200),
        db
          .select()
          .from(friendRequests)
          .where(
            and(
              eq(friendRequests.fromId, viewer),
              ne(friendRequests.status, 'withdrawn'),
              // Open ones, and those answered or expired in the last 30 days (the sweep removes older ones).
              gt(endedAt, instant(new Date(now.getTime() - ANSWERED_KEPT_MS))),
            ),
          )
          .orderBy(desc(friendRequests.createdAt))
          .limit(200),
      ]);
      const [receivedViews, sentViews] = await Promise.all([
        requestView(db, viewer, received, 'received'),
        requestView(db, viewer, sent, 'sent'),
      ]);
      return { received: receivedViews, sent: sentViews };
    },

    async accept(
      viewer: string,
      id: string,
      options: { groupId?: string | null | undefined; remark?: string | undefined },
    ): Promise<FriendView> {
      return db.transaction(async (tx) => {
        const request = await pendingTo(tx, viewer, id);
        const groupId = await ownGroup(tx, viewer, options.groupId);
        const rel = await relationshipWith(tx, viewer, request.fromId);
        if (rel.blocking || rel.blockedBy) throw SOCIAL_ERRORS.socialRequestNotFound.error();
        await befriend(
          tx,
          { id: viewer, groupId, remark: options.remark ?? null },
          { id: request.fromId, groupId: request.groupId },
        );
        await tx
          .update(friendRequests)
          .set({ status: 'accepted', answeredAt: clock.now() })
          .where(eq(friendRequests.id, request.id));
        // A request the viewer had sent them the other way is answered by this too.
        await closePending(tx, viewer, request.fromId, 'accepted');
        await changed(tx, { event: FRIEND_ADDED_EVENT, sub: viewer, other: request.fromId });
        return friendView(tx, viewer, request.fromId);
      });
    },

    async decline(viewer: string, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const request = await pendingTo(tx, viewer, id);
        await tx
          .update(friendRequests)
          .set({ status: 'declined', answeredAt: clock.now() })
          .where(eq(friendRequests.id, request.id));
      });
    },

    /**
     * Hides a request from the recipient's list; the sender still sees it pending until it expires (so it is no
     * answer: `answered_at` stays empty, and the request ends at its expiry).
     */
    async ignore(viewer: string, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const request = await pendingTo(tx, viewer, id);
        await tx.update(friendRequests).set({ status: 'ignored' }).where(eq(friendRequests.id, request.id));
      });
    },

    async withdraw(viewer: string, id: string): Promise<void> {
      const gone = await db
        .update(friendRequests)
        .set({ status: 'withdrawn', answeredAt: clock.now() })
        .where(
          and(
            eq(friendRequests.id, id),
            eq(friendRequests.fromId, viewer),
            inArray(friendRequests.status, ['pending', 'ignored']),
          ),
        )
        .returning({ id: friendRequests.id });
      if (gone.length === 0) throw SOCIAL_ERRORS.socialRequestNotFound.error();
    },

    /**
     * Finds someone by account number, handle (`@` optional) or verified email, each only as that account
     * allows; an account that blocked the viewer is never found. Exact matches only: a directory to page
     * through would let anyone harvest accounts.
     */
    async search(viewer: string, query: string): Promise<PersonResult[]> {
      if (searchLimit) {
        const wait = await searchLimit.take(viewer);
        if (wait > 0) throw tooMany(SOCIAL_ERRORS.socialTooManySearches, wait);
      }
      const q = query.trim();
      const settings = discoverability;
      const allows = (column: SQL) => sql`coalesce(${column}, ${sql.raw('true')})`;
      let where: SQL | undefined;
      if (/^\d{5,10}$/.test(q)) {
        where = and(eq(accounts.accountNumber, Number(q)), allows(sql`${settings.findableByAccountNumber}`));
      } else if (q.includes('@') && !q.startsWith('@')) {
        where = and(
          sql`lower(${accounts.email}) = lower(${q})`,
          sql`${accounts.emailVerifiedAt} is not null`,
          sql`coalesce(${settings.findableByEmail}, false)`,
        );
      } else {
        const handle = q.replace(/^@/, '').toLowerCase();
        where = and(eq(accounts.handle, handle), allows(sql`${settings.findableByHandle}`));
      }
      const rows = await db
        .select(cardColumns)
        .from(accounts)
        .leftJoin(settings, eq(settings.accountId, accounts.id))
        .where(
          and(
            where,
            ne(accounts.id, viewer),
            sql`not exists (select 1 from ${blocks} where ${blocks.blockerId} = ${accounts.id} and ${blocks.blockedId} = ${viewer})`,
          ),
        )
        .limit(5);
      return results(viewer, rows);
    },

    /**
     * People the account may know: friends of its friends it isn't friends with, most mutual friends first;
     * never someone blocked either way, someone it asked already, or someone who opted out.
     */
    async suggestions(viewer: string): Promise<PersonResult[]> {
      const mine = alias(friendships, 'mine');
      const theirs = alias(friendships, 'theirs');
      const candidate = theirs.friendId;
      const rows = await db
        .select({ id: candidate, n: count() })
        .from(mine)
        .innerJoin(theirs, eq(theirs.accountId, mine.friendId))
        .leftJoin(discoverability, eq(discoverability.accountId, candidate))
        .where(
          and(
            eq(mine.accountId, viewer),
            ne(candidate, viewer),
            sql`coalesce(${discoverability.suggestable}, true)`,
            sql`not exists (select 1 from ${friendships} where ${friendships.accountId} = ${viewer} and ${friendships.friendId} = ${candidate})`,
            sql`not ${blockedBetween(viewer, candidate)}`,
            sql`not exists (select 1 from ${friendRequests} where ${friendRequests.fromId} = ${viewer} and ${friendRequests.toId} = ${candidate} and ${inArray(friendRequests.status, [...OPEN])})`,
          ),
        )
        .groupBy(candidate)
        .orderBy(desc(count()), asc(candidate))
        .limit(SUGGESTIONS);
      if (rows.length === 0) return [];
      const cards = await db
        .select(cardColumns)
        .from(accounts)
        .where(
          inArray(
            accounts.id,
            rows.map((r) => r.id),
          ),
        );
      const byId = new Map(cards.map((c) => [c.id, c]));
      return results(
        viewer,
        rows.flatMap((r) => (byId.has(r.id) ? [byId.get(r.id)!] : [])),
      );
    },

    async blocks(viewer: string) {
      const rows = await db
        .select({ ...cardColumns, since: blocks.createdAt })
        .from(blocks)
        .innerJoin(accounts, eq(accounts.id, blocks.blockedId))
        .where(eq(blocks.blockerId, viewer))
        .orderBy(desc(blocks.createdAt));
      return rows.map((r) => ({ person: personCardOf(r), since: r.since.toISOString() }));
    },

    /**
     * Blocks `other`, in one transaction: the friendship goes both ways, pending requests both ways are closed
     * (theirs declined, the viewer's withdrawn), and the block is recorded. Blocking twice is no error.
     */
    async block(viewer: string, other: string): Promise<void> {
      mustNotBeSelf(viewer, other);
      await db.transaction(async (tx) => {
        await card(tx, other);
        const unfriended = await tx
          .delete(friendships)
          .where(
            or(
              and(eq(friendships.accountId, viewer), eq(friendships.friendId, other)),
              and(eq(friendships.accountId, other), eq(friendships.friendId, viewer)),
            ),
          )
          .returning({ id: friendships.accountId });
        await closePending(tx, other, viewer, 'declined');
        await closePending(tx, viewer, other, 'withdrawn');
        const blocked = await tx
          .insert(blocks)
          .values({ blockerId: viewer, blockedId: other, createdAt: clock.now() })
          .onConflictDoNothing()
          .returning({ id: blocks.blockedId });
        // Services hear of the friendship's end on its own, then of the block (a second block tells nothing).
        if (unfriended.length > 0) await changed(tx, { event: FRIEND_REMOVED_EVENT, sub: viewer, other });
        if (blocked.length > 0) await changed(tx, { event: BLOCK_ADDED_EVENT, sub: viewer, other });
      });
    },

    async unblock(viewer: string, other: string): Promise<void> {
      await db.transaction(async (tx) => {
        const gone = await tx
          .delete(blocks)
          .where(and(eq(blocks.blockerId, viewer), eq(blocks.blockedId, other)))
          .returning({ id: blocks.blockedId });
        if (gone.length > 0) await changed(tx, { event: BLOCK_REMOVED_EVENT, sub: viewer, other });
      });
    },

    async mutes(viewer: string) {
      const now = clock.now();
      const rows = await db
        .select({ ...cardColumns, since: mutes.createdAt, until: mutes.until })
        .from(mutes)
        .innerJoin(accounts, eq(accounts.id, mutes.mutedId))
        .where(and(eq(mutes.muterId, viewer), or(isNull(mutes.until), gt(mutes.until, now))))
        .orderBy(desc(mutes.createdAt));
      return rows.map((r) => ({
        person: personCardOf(r),
        since: r.since.toISOString(),
        until: r.until ? r.until.toISOString() : null,
      }));
    },

    /** Hides `other`'s activity from the viewer, for `minutes` or until lifted; muting again replaces the end. */
    async mute(viewer: string, other: string, minutes: number | null | undefined): Promise<void> {
      mustNotBeSelf(viewer, other);
      const now = clock.now();
      const until = minutes ? new Date(now.getTime() + minutes * 60_000) : null;
      await db.transaction(async (tx) => {
        await card(tx, other);
        await tx
          .insert(mutes)
          .values({ muterId: viewer, mutedId: other, createdAt: now, until })
          .onConflictDoUpdate({ target: [mutes.muterId, mutes.mutedId], set: { createdAt: now, until } });
      });
    },

    async unmute(viewer: string, other: string): Promise<void> {
      await db.delete(mutes).where(and(eq(mutes.muterId, viewer), eq(mutes.mutedId, other)));
    },

    async discoverability(viewer: string): Promise<DiscoverabilityView> {
      return viewSettings(await settingsOf(db, viewer));
    },

    async updateDiscoverability(viewer: string, patch: DiscoverabilityInput): Promise<DiscoverabilityView> {
      return db.transaction(async (tx) => {
        const current = await settingsOf(tx, viewer);
        const base = viewSettings(current);
        const requests: RequestPolicy = patch.requests ?? base.requests;
        const question = patch.question === undefined ? base.question : patch.question;
        const hash =
          patch.answer === undefined
            ? (current?.answerHash ?? null)
            : patch.answer === null
              ? null
              : answerHash(patch.answer);
        if (requests === 'question' && (!question || !hash))
          throw SOCIAL_ERRORS.socialQuestionRequired.error();
        const row = {
          accountId: viewer,
          findableByAccountNumber: patch.findableByAccountNumber ?? base.findableByAccountNumber,
          findableByHandle: patch.findableByHandle ?? base.findableByHandle,
          findableByEmail: patch.findableByEmail ?? base.findableByEmail,
          requests,
          question,
          answerHash: hash,
          suggestable: patch.suggestable ?? base.suggestable,
          updatedAt: clock.now(),
        };
        await tx
          .insert(discoverability)
          .values(row)
          .onConflictDoUpdate({ target: discoverability.accountId, set: row });
        return viewSettings({ ...row });
      });
    },

    /**
     * The hourly sweep: pending requests past their 30 days become `expired`; answered ones older than 30 days
     * and lapsed mutes go. Answers how many rows each step touched.
     */
    async sweep(): Promise<{ expired: number; removed: number; mutesEnded: number }> {
      const now = clock.now();
      const expired = await db
        .update(friendRequests)
        .set({ status: 'expired' })
        .where(
          and(inArray(friendRequests.status, ['pending', 'ignored']), lte(friendRequests.expiresAt, now)),
        )
        .returning({ id: friendRequests.id });
      const old = new Date(now.getTime() - ANSWERED_KEPT_MS);
      const removed = await db
        .delete(friendRequests)
        .where(and(ne(friendRequests.status, 'pending'), lte(endedAt, instant(old))))
        .returning({ id: friendRequests.id });
      const mutesEnded = await db.delete(mutes).where(lte(mutes.until, now)).returning({ id: mutes.mutedId });
      return { expired: expired.length, removed: removed.length, mutesEnded: mutesEnded.length };
    },
  };
}

export type Social = ReturnType<typeof createSocial>;
