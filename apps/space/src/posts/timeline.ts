import type { Audience, SocialFriends } from '@orbit/contracts';
import type { SocialChange } from '@orbit/sdk';
import { and, desc, eq, or, sql } from 'drizzle-orm';
import { decodeCursor, encodeCursor } from '../cursor.js';
import type { SpaceCore, SpaceTx } from '../deps.js';
import { photoViewsFromJson, postPhotosJson } from '../photos/library.js';
import { likes, posts, timeline } from '../schema.js';
import { type PostRow, postColumns } from './views.js';

/** The highest uuid: with the time `infinity`, where the first page starts (before every row). */
const LAST_UUID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

/** How many of each side's latest items a new friendship brings into the other's timeline. */
const BACKFILL = 100;

/**
 * Who gets an item in their timeline: the owner, and the owner's friends the audience lets in (all of them for
 * public and friends; those filed in the listed groups; those chosen; nobody else for only-me). Mentioned
 * friends see it anyway (`canSee`), so they get it too unless it is only-me.
 */
export function timelineAudience(
  owner: string,
  audience: Audience,
  graph: SocialFriends,
  mentions: readonly string[],
) {
  const friends = graph.friends.map((f) => ({
    id: f.id.toLowerCase(),
    groupId: f.groupId?.toLowerCase() ?? null,
  }));
  let chosen: string[];
  switch (audience.type) {
    case 'public':
    case 'friends':
      chosen = friends.map((f) => f.id);
      break;
    case 'groups': {
      const groups = new Set(audience.groupIds.map((g) => g?.toLowerCase() ?? null));
      chosen = friends.filter((f) => groups.has(f.groupId)).map((f) => f.id);
      break;
    }
    case 'chosen': {
      const ids = new Set(audience.ids.map((id) => id.toLowerCase()));
      chosen = friends.filter((f) => ids.has(f.id)).map((f) => f.id);
      break;
    }
    case 'only_me':
      chosen = [];
      break;
  }
  if (audience.type !== 'only_me') {
    const mentioned = new Set(mentions.map((m) => m.toLowerCase()));
    chosen.push(...friends.filter((f) => mentioned.has(f.id)).map((f) => f.id));
  }
  return [...new Set([owner.toLowerCase(), ...chosen])];
}

/**
 * The timeline: written on publish (fan-out on write, one statement), read by index range, checked again on
 * read (a block, an unfriending or a mute since counts at once), and kept in step with friendships.
 */
export function createTimeline(core: SpaceCore) {
  const { db } = core;
  /**
   * A page of one viewer's rows with their items, their photos and whether the viewer liked each: the hot path
   * of Space, so its SQL is built once (drizzle's query building cost more than the query itself) and the
   * photos and the likes come in the same round trip (each round trip costs both processes more CPU than the
   * few index probes that replace it). The first page starts before (infinity, the highest uuid).
   *
   * PostgreSQL planned it anew on every execution (0.25 ms: more than running it), because the plan it made
   * for the given viewer and cursor looked cheaper than the one for any. So the viewer and the cursor are read
   * through sub-selects (InitPlans, whose values no plan sees) and the limit is written into the SQL (one
   * statement for each page size asked, 51 at most): every plan is then the same, and the server keeps the
   * generic one after five executions.
   */
  const pages = new Map<number, ReturnType<typeof timelinePage>>();
  function timelinePage(rows: number) {
    return (
      db
        .select({
          post: postColumns,
          at: timeline.publishedAt,
          photos: postPhotosJson(posts.id),
          liked: sql<boolean>`exists (select 1 from ${likes} where ${likes.postId} = ${posts.id} and ${likes.sub} = ${sql.placeholder('viewer')})`,
        })
        .from(timeline)
        .innerJoin(posts, eq(posts.id, timeline.postId))
        .where(
          and(
            sql`${timeline.viewerSub} = (select ${sql.placeholder('viewer')}::text)`,
            sql`(${timeline.publishedAt}, ${timeline.postId}) < ((select ${sql.placeholder('at')}::timestamptz), (select ${sql.placeholder('id')}::uuid))`,
          ),
        )
        .orderBy(desc(timeline.publishedAt), desc(timeline.postId))
        // A number is sent as a parameter; SQL is written as it is (drizzle's type knows only the former).
        .limit(sql.raw(String(Math.trunc(rows))) as unknown as number)
        .prepare(`space_timeline_page_${rows}`)
    );
  }
  const pageOf = (rows: number) => {
    let page = pages.get(rows);
    if (!page) {
      page = timelinePage(rows);
      pages.set(rows, page);
    }
    return page;
  };

  /**
   * Puts a published item into the timelines of whoever may have it (replacing what an earlier audience put
   * there), in the caller's transaction. `graph` is the owner's friends, read before the transaction opened.
   */
  async function fanOut(tx: SpaceTx, row: PostRow, graph: SocialFriends): Promise<void> {
    await tx.delete(timeline).where(eq(timeline.postId, row.id));
    if (row.status !== 'published' || !row.publishedAt) return;
    // One comma-separated parameter (subs are uuids): the statement is the same for any number of viewers.
    const viewers = timelineAudience(row.ownerSub, row.audience, graph, row.mentions);
    await tx.execute(sql`
      insert into ${timeline} (viewer_sub, published_at, post_id, owner_sub)
      select viewer, ${row.publishedAt.toISOString()}::timestamptz, ${row.id}::uuid, ${row.ownerSub}
      from unnest(string_to_array(${viewers.join(',')}::text, ',')) as viewer
      on conflict do nothing`);
  }

  /**
   * A page of `viewer`'s timeline, newest first: the rows of the index range, then only what the viewer may
   * still see and whose owner the viewer doesn't mute. A page may come back shorter than `limit`; `next` moves
   * on past all it read.
   */
  async function read(viewer: string, query: { cursor?: string | undefined; limit: number }) {
    const who = viewer.toLowerCase();
    const after = decodeCursor(query.cursor);
    const rows = await pageOf(query.limit + 1).execute({
      viewer: who,
      at: after ? after.at.toISOString() : 'infinity',
      id: after?.id ?? LAST_UUID,
    });
    const more = rows.length > query.limit;
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    // Each row's photos go on the row itself (a fresh object of the driver's; copying it cost more).
    const visible = await core.visibility.filter(
      who,
      page.map((r): PostRow => Object.assign(r.post, { photosRead: photoViewsFromJson(r.photos) })),
    );
    const owners = [...new Set(visible.map((p) => p.ownerSub.toLowerCase()))].filter((o) => o !== who);
    const relationships = owners.length ? await core.orbit.social.relationships(who, owners) : {};
    const items = visible.filter((p) => !relationships[p.ownerSub.toLowerCase()]?.muting);
    return {
      items,
      /** The items the viewer liked (read with the page: no query of its own). */
      liked: new Set(page.flatMap((r) => (r.liked ? [r.post.id] : []))),
      next: more && last ? encodeCursor({ at: last.at, id: last.post.id }) : null,
    };
  }

  /** Copies `owner`'s latest items that `viewer` may see into `viewer`'s timeline (a new friendship). */
  async function backfill(owner: string, viewer: string): Promise<void> {
    const latest = await db
      .select(postColumns)
      .from(posts)
      .where(and(eq(posts.ownerSub, owner), eq(posts.status, 'published')))
      .orderBy(desc(posts.publishedAt), desc(posts.id))
      .limit(BACKFILL);
    const seen = await core.visibility.filter(viewer, latest);
    if (seen.length === 0) return;
    await db
      .insert(timeline)
      .values(
        seen.map((p) => ({
          viewerSub: viewer,
          publishedAt: p.publishedAt ?? p.createdAt,
          postId: p.id,
          ownerSub: p.ownerSub,
        })),
      )
      .onConflictDoNothing();
  }

  /** Takes each side's items out of the other's timeline (an unfriending, a block). */
  async function separate(a: string, b: string): Promise<void> {
    await db
      .delete(timeline)
      .where(
        or(
          and(eq(timeline.viewerSub, a), eq(timeline.ownerSub, b)),
          and(eq(timeline.viewerSub, b), eq(timeline.ownerSub, a)),
        ),
      );
  }

  /**
   * What a friend or block change does to timelines (the hub tells Space once per change; the SDK has emptied
   * its cache for the two already): a new friendship brings each side's latest items the other may see; an
   * unfriending or a block takes them out both ways. A lifted block changes nothing until they are friends again.
   */
  async function onSocialChange(change: SocialChange): Promise<void> {
    const a = change.sub.toLowerCase();
    const b = change.other.toLowerCase();
    if (change.type === 'friend.added') {
      await backfill(a, b);
      await backfill(b, a);
    } else if (change.type === 'friend.removed' || change.type === 'block.added') {
      await separate(a, b);
    }
  }

  return { fanOut, read, onSocialChange, separate };
}

export type Timeline = ReturnType<typeof createTimeline>;
