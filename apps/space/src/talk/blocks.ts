import type { SocialChange } from '@orbit/sdk';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { SpaceCore } from '../deps.js';
import { comments, likes, posts, visits } from '../schema.js';

/**
 * What a block does to talk (a block hides everything both ways): the blocked account's comments and likes on
 * the blocker's posts and moments go — not only from the two's views but from everyone's, as a space owner
 * would otherwise delete them one by one — and each leaves the other's visitor log; the posts' counts are
 * recounted in the same transaction. Runs on the hub's `block.added` event (`sub` blocked `other`); replays
 * of the event change nothing more.
 */
export function createBlockCleanup({ db }: Pick<SpaceCore, 'db'>) {
  return async function blockAdded(change: SocialChange): Promise<void> {
    if (change.type !== 'block.added') return;
    const blocker = change.sub.toLowerCase();
    const blocked = change.other.toLowerCase();
    await db.transaction(async (tx) => {
      const owned = tx.select({ id: posts.id }).from(posts).where(eq(posts.ownerSub, blocker));
      const gone = [
        ...(await tx
          .delete(comments)
          .where(and(eq(comments.authorSub, blocked), inArray(comments.postId, owned)))
          .returning({ postId: comments.postId })),
        ...(await tx
          .delete(likes)
          .where(and(eq(likes.sub, blocked), inArray(likes.postId, owned)))
          .returning({ postId: likes.postId })),
      ];
      const touched = [...new Set(gone.map((row) => row.postId))];
      if (touched.length > 0) {
        await tx
          .update(posts)
          .set({
            commentCount: sql`(select count(*)::int from ${comments} where ${comments.postId} = ${posts.id})`,
            likeCount: sql`(select count(*)::int from ${likes} where ${likes.postId} = ${posts.id})`,
          })
          .where(inArray(posts.id, touched));
      }
      await tx
        .delete(visits)
        .where(
          sql`(${visits.ownerSub} = ${blocker} and ${visits.visitorSub} = ${blocked}) or (${visits.ownerSub} = ${blocked} and ${visits.visitorSub} = ${blocker})`,
        );
    });
  };
}
