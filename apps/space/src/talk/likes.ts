import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { SpacePerson } from '../contracts/common.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import type { SpaceCore } from '../deps.js';
import { notFound } from '../errors.js';
import type { Posts } from '../posts/index.js';
import type { RateLimit } from '../rate-limit.js';
import { likes, posts as postsTable } from '../schema.js';
import { blockedEitherWay } from './hidden.js';
import type { Notices } from './notices.js';

/**
 * Likes of posts and moments, once per account: liking again changes nothing, and `like_count` moves in the same
 * transaction as the row. Only whoever may see the post may like it or see who did.
 */
export function createLikes(
  core: SpaceCore,
  { posts, notices, limit }: { posts: Posts; notices: Notices; limit: RateLimit },
) {
  const { db } = core;

  /** Likes (`like: true`) or takes the like back, in one transaction with the post's row locked. */
  async function set(viewer: string, postId: string, like: boolean) {
    limit.take(viewer);
    const post = await posts.visible(viewer, postId);
    const sub = viewer.toLowerCase();
    const result = await db.transaction(async (tx) => {
      const [locked] = await tx
        .select({ likeCount: postsTable.likeCount })
        .from(postsTable)
        .where(eq(postsTable.id, post.id))
        .for('update');
      if (!locked) throw notFound();
      const changed = like
        ? await tx
            .insert(likes)
            .values({ postId: post.id, sub, createdAt: core.clock.now() })
            .onConflictDoNothing()
            .returning({ sub: likes.sub })
        : await tx
            .delete(likes)
            .where(and(eq(likes.postId, post.id), eq(likes.sub, sub)))
            .returning({ sub: likes.sub });
      if (changed.length === 0) return { changed: false, likeCount: locked.likeCount };
      const [updated] = await tx
        .update(postsTable)
        .set({ likeCount: sql`${postsTable.likeCount} + ${like ? 1 : -1}` })
        .where(eq(postsTable.id, post.id))
        .returning({ likeCount: postsTable.likeCount });
      return { changed: true, likeCount: updated?.likeCount ?? locked.likeCount };
    });
    if (like && result.changed) await notices.liked(post, viewer);
    return { liked: like, likeCount: result.likeCount };
  }

  return {
    like: (viewer: string, postId: string) => set(viewer, postId, true),
    unlike: (viewer: string, postId: string) => set(viewer, postId, false),

    /** Who liked the post, newest first, without accounts a block stands between with the viewer. */
    async list(viewer: string, postId: string, page: { cursor?: string | undefined; limit: number }) {
      const post = await posts.visible(viewer, postId);
      const before = decodeCursor(page.cursor);
      const rows = await db
        .select()
        .from(likes)
        .where(
          and(
            eq(likes.postId, post.id),
            before
              ? or(
                  lt(likes.createdAt, before.at),
                  and(eq(likes.createdAt, before.at), lt(likes.sub, before.id)),
                )
              : undefined,
          ),
        )
        .orderBy(desc(likes.createdAt), desc(likes.sub))
        .limit(page.limit + 1);
      const shown = rows.slice(0, page.limit);
      const last = shown.at(-1);
      const next =
        rows.length > page.limit && last ? encodeCursor({ at: last.createdAt, id: last.sub }) : null;
      const hidden = await blockedEitherWay(
        core.orbit,
        viewer,
        shown.map((r) => r.sub),
      );
      const kept = shown.filter((r) => !hidden.has(r.sub));
      const cards = await core.people.cards(kept.map((r) => r.sub));
      return {
        likes: kept.map((r) => ({
          person: cards.get(r.sub) as SpacePerson,
          likedAt: r.createdAt.toISOString(),
        })),
        likeCount: post.likeCount,
        next,
      };
    },
  };
}

export type Likes = ReturnType<typeof createLikes>;
