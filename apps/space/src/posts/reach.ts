import { snippet } from '@orbit/search';
import { searchMatches } from '@orbit/search/drizzle';
import { and, desc, eq, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import { decodeCursor, encodeCursor } from '../cursor.js';
import type { SpaceCore } from '../deps.js';
import { notFound } from '../errors.js';
import { posts } from '../schema.js';
import { plainText } from './render.js';
import { type PostRow, postColumns } from './views.js';

interface Page {
  cursor?: string | undefined;
  limit: number;
  /** Only posts or only moments (a space's tabs); both when absent. */
  kind?: 'post' | 'moment' | undefined;
}

const published = eq(posts.status, 'published');
const audienceType = sql`${posts.audience}->>'type'`;
const isPublic = sql`${audienceType} = 'public'`;
/** Chosen by name, or mentioned (unless only-me): what `canSee` lets in without friendship. */
const namedIn = (viewer: string) =>
  or(
    sql`${audienceType} = 'chosen' and ${posts.audience}->'ids' @> ${JSON.stringify([viewer])}::jsonb`,
    sql`${audienceType} <> 'only_me' and ${viewer} = any(${posts.mentions})`,
  );
/** Rows after the cursor in (published_at desc, id desc) order. */
const afterCursor = (page: Page) => {
  const after = decodeCursor(page.cursor);
  return after
    ? sql`(${posts.publishedAt}, ${posts.id}) < (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)`
    : undefined;
};
const pageOf = (rows: PostRow[], page: Page) => {
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  const next =
    rows.length > page.limit && last?.publishedAt
      ? encodeCursor({ at: last.publishedAt, id: last.id })
      : null;
  return { items, next };
};

/**
 * The ways out that list many people's or one person's items: someone's space and search. Each narrows by
 * visibility in SQL as far as the viewer's relationships allow (so pages come back full), then runs
 * `core.visibility` on the page, the one rule, which has the last word.
 */
export function createReach(core: SpaceCore) {
  const { db } = core;

  /**
   * `owner`'s space as `viewer` may see it: their card, the pinned item (first page), then their published
   * items newest first (of one `kind` when the page asks). 404 for an account that doesn't exist, or when a block stands between the two.
   */
  async function space(viewer: string | null, ownerSub: string, page: Page) {
    const owner = ownerSub.toLowerCase();
    const who = viewer?.toLowerCase() ?? null;
    const card = await core.people.card(owner);
    if (card.deleted) throw notFound();
    let seen: SQL | undefined;
    if (who === owner) {
      seen = undefined;
    } else if (who === null) {
      seen = isPublic;
    } else {
      // The owner's view of the viewer: friendship, the owner's group for them, blocks either way.
      const relationship = (await core.orbit.social.relationships(owner, [who]))[who];
      if (relationship?.blocking || relationship?.blockedBy) throw notFound();
      const friend = relationship?.friend === true;
      seen = or(
        isPublic,
        namedIn(who),
        friend ? sql`${audienceType} = 'friends'` : undefined,
        friend
          ? sql`${audienceType} = 'groups' and ${posts.audience}->'groupIds' @> ${JSON.stringify([relationship.groupId])}::jsonb`
          : undefined,
      );
    }
    const mine = and(
      eq(posts.ownerSub, owner),
      published,
      seen,
      page.kind ? eq(posts.kind, page.kind) : undefined,
    );
    const after = afterCursor(page);
    const [rows, pinnedRows] = await Promise.all([
      db
        .select(postColumns)
        .from(posts)
        .where(and(mine, isNull(posts.pinnedAt), after))
        .orderBy(desc(posts.publishedAt), desc(posts.id))
        .limit(page.limit + 1),
      after
        ? Promise.resolve([])
        : db
            .select(postColumns)
            .from(posts)
            .where(and(mine, isNotNull(posts.pinnedAt)))
            .limit(1),
    ]);
    const { items, next } = pageOf(rows, page);
    const [pinned] = await core.visibility.filter(who, pinnedRows);
    return { owner: card, pinned: pinned ?? null, items: await core.visibility.filter(who, items), next };
  }

  /**
   * Published items `viewer` may see that match `q` (the shared tokenizer: words, and bigrams of Chinese, so a
   * substring of Chinese text matches), newest first, each with a snippet built from what the viewer may see.
   */
  async function search(viewer: string | null, q: string, page: Page) {
    const matches = searchMatches(posts.search, q);
    if (!matches) return { items: [], next: null };
    const who = viewer?.toLowerCase() ?? null;
    let seen: SQL | undefined = isPublic;
    if (who !== null) {
      const friends = (await core.orbit.social.friends(who)).friends.map((f) => f.id.toLowerCase());
      seen = or(
        isPublic,
        eq(posts.ownerSub, who),
        namedIn(who),
        // Friends' items for friends or some of their groups: whether the viewer is in the group, and blocks,
        // are decided on the page (the owner's view of the viewer is one batched lookup there).
        sql`${audienceType} in ('friends', 'groups') and ${posts.ownerSub} = any(string_to_array(${friends.join(',')}::text, ','))`,
      );
    }
    const rows = await db
      .select(postColumns)
      .from(posts)
      .where(and(matches, published, seen, afterCursor(page)))
      .orderBy(desc(posts.publishedAt), desc(posts.id))
      .limit(page.limit + 1);
    const { items, next } = pageOf(rows, page);
    const visible = await core.visibility.filter(who, items);
    return {
      items: visible.map((row) => ({
        row,
        snippet: snippet(
          [row.title, plainText(row.bodyHtml), row.link?.title].filter(Boolean).join(' · '),
          q,
        ),
      })),
      next,
    };
  }

  return { space, search };
}

export type Reach = ReturnType<typeof createReach>;
