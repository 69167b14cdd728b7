import { and, asc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { SpacePerson } from '../contracts/common.js';
import { COMMENTS_PAGE, type CommentThread, type CommentView } from '../contracts/talk.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import type { SpaceCore } from '../deps.js';
import { notFound } from '../errors.js';
import { resolveMentions } from '../mentions.js';
import type { Posts } from '../posts/index.js';
import type { RateLimit } from '../rate-limit.js';
import { comments, posts as postsTable } from '../schema.js';
import { sameSub } from '../visibility.js';
import { notYourComment, replyToUnknown } from './errors.js';
import { blockedEitherWay } from './hidden.js';
import type { Notices } from './notices.js';

type CommentRow = typeof comments.$inferSelect;

export interface NewComment {
  body: string;
  parentId?: string | undefined;
  replyTo?: string | undefined;
}

/**
 * Comments on posts and moments, with one level of replies: whoever may see the post sees its comments (a reply
 * inherits the post's audience), except those of accounts a block stands between with the viewer. The post's
 * `comment_count` changes in the same transaction as the rows.
 */
export function createComments(
  core: SpaceCore,
  { posts, notices, limit }: { posts: Posts; notices: Notices; limit: RateLimit },
) {
  const { db } = core;

  async function views(
    viewer: string,
    ownerSub: string,
    rows: readonly CommentRow[],
  ): Promise<Map<string, CommentView>> {
    const subs = rows.flatMap((r) => [r.authorSub, ...(r.replyToSub ? [r.replyToSub] : []), ...r.mentions]);
    const cards = await core.people.cards(subs);
    const card = (sub: string) => cards.get(sub.toLowerCase()) as SpacePerson;
    return new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          postId: r.postId,
          parentId: r.parentId,
          author: card(r.authorSub),
          replyTo: r.replyToSub ? card(r.replyToSub) : null,
          body: r.body,
          mentions: r.mentions.map(card),
          createdAt: r.createdAt.toISOString(),
          canDelete: sameSub(r.authorSub, viewer) || sameSub(ownerSub, viewer),
        },
      ]),
    );
  }

  return {
    /**
     * A page of the post's top-level comments, oldest first, each with its replies; comments by accounts a
     * block stands between with the viewer are left out (a hidden top-level comment takes its thread along).
     */
    async list(viewer: string, postId: string, cursor?: string) {
      const post = await posts.visible(viewer, postId);
      const after = decodeCursor(cursor);
      const top = await db
        .select()
        .from(comments)
        .where(
          and(
            eq(comments.postId, post.id),
            isNull(comments.parentId),
            after
              ? or(
                  gt(comments.createdAt, after.at),
                  and(eq(comments.createdAt, after.at), gt(comments.id, after.id)),
                )
              : undefined,
          ),
        )
        .orderBy(asc(comments.createdAt), asc(comments.id))
        .limit(COMMENTS_PAGE + 1);
      const page = top.slice(0, COMMENTS_PAGE);
      const last = page.at(-1);
      const next =
        top.length > COMMENTS_PAGE && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null;
      const replies =
        page.length === 0
          ? []
          : await db
              .select()
              .from(comments)
              .where(
                inArray(
                  comments.parentId,
                  page.map((c) => c.id),
                ),
              )
              .orderBy(asc(comments.createdAt), asc(comments.id));
      const hidden = await blockedEitherWay(
        core.orbit,
        viewer,
        [...page, ...replies].map((c) => c.authorSub),
      );
      const shown = (c: CommentRow) => !hidden.has(c.authorSub.toLowerCase());
      const threads = page.filter(shown);
      const kept = replies.filter(shown);
      const byId = await views(viewer, post.ownerSub, [...threads, ...kept]);
      const out: CommentThread[] = threads.map((t) => ({
        ...(byId.get(t.id) as CommentView),
        replies: kept.filter((r) => r.parentId === t.id).map((r) => byId.get(r.id) as CommentView),
      }));
      return { comments: out, commentCount: post.commentCount, next };
    },

    /**
     * Adds a comment, or a reply: a reply to a reply is filed under the same top-level comment and answers that
     * reply's author (or `replyTo`, someone else in the thread). Notifies after the commit.
     */
    async add(viewer: string, postId: string, input: NewComment): Promise<CommentView> {
      limit.take(viewer);
      const post = await posts.visible(viewer, postId);
      let threadId: string | null = null;
      let replyToSub: string | null = null;
      if (input.parentId) {
        const [parent] = await db
          .select()
          .from(comments)
          .where(and(eq(comments.id, input.parentId), eq(comments.postId, post.id)));
        if (!parent || (await blockedEitherWay(core.orbit, viewer, [parent.authorSub])).size > 0) {
          throw notFound();
        }
        threadId = parent.parentId ?? parent.id;
        replyToSub = parent.authorSub;
        if (input.replyTo && !sameSub(input.replyTo, parent.authorSub)) {
          const [inThread] = await db
            .select({ id: comments.id })
            .from(comments)
            .where(
              and(
                or(eq(comments.id, threadId), eq(comments.parentId, threadId)),
                eq(comments.authorSub, input.replyTo.toLowerCase()),
              ),
            )
            .limit(1);
          if (!inThread) throw replyToUnknown();
          replyToSub = input.replyTo.toLowerCase();
        }
      } else if (input.replyTo) {
        throw replyToUnknown();
      }
      const mentions = await resolveMentions(core.orbit, input.body, viewer);
      const row = await db.transaction(async (tx) => {
        // Counted first: the post row's lock orders this against a deletion of the post.
        const [counted] = await tx
          .update(postsTable)
          .set({ commentCount: sql`${postsTable.commentCount} + 1` })
          .where(eq(postsTable.id, post.id))
          .returning({ id: postsTable.id });
        if (!counted) throw notFound();
        if (threadId) {
          const [thread] = await tx
            .select({ id: comments.id })
            .from(comments)
            .where(eq(comments.id, threadId));
          if (!thread) throw notFound();
        }
        const [inserted] = await tx
          .insert(comments)
          .values({
            postId: post.id,
            parentId: threadId,
            authorSub: viewer.toLowerCase(),
            replyToSub,
            body: input.body,
            mentions,
            createdAt: core.clock.now(),
          })
          .returning();
        return inserted as CommentRow;
      });
      await notices.commented({
        post,
        actor: viewer,
        commentId: row.id,
        threadId,
        replyToSub,
        mentions,
        body: row.body,
      });
      return (await views(viewer, post.ownerSub, [row])).get(row.id) as CommentView;
    },

    /**
     * Deletes a comment — the viewer's own, or any in the viewer's space — with its replies, and recounts the
     * post's comments. Someone else's comment answers 403 if the viewer may see it, else 404.
     */
    async remove(viewer: string, commentId: string): Promise<void> {
      const [found] = await db
        .select({ comment: comments, ownerSub: postsTable.ownerSub })
        .from(comments)
        .innerJoin(postsTable, eq(postsTable.id, comments.postId))
        .where(eq(comments.id, commentId));
      if (!found) throw notFound();
      const { comment, ownerSub } = found;
      if (!sameSub(comment.authorSub, viewer) && !sameSub(ownerSub, viewer)) {
        await posts.visible(viewer, comment.postId);
        if ((await blockedEitherWay(core.orbit, viewer, [comment.authorSub])).size > 0) throw notFound();
        throw notYourComment();
      }
      await db.transaction(async (tx) => {
        // The post row's lock orders this against a reply being added to the thread at the same time.
        await tx
          .select({ id: postsTable.id })
          .from(postsTable)
          .where(eq(postsTable.id, comment.postId))
          .for('update');
        await tx.delete(comments).where(eq(comments.id, comment.id));
        // Recounted rather than decremented: the replies went with it (the foreign key's cascade).
        await tx
          .update(postsTable)
          .set({
            commentCount: sql`(select count(*)::int from ${comments} where ${comments.postId} = ${comment.postId})`,
          })
          .where(eq(postsTable.id, comment.postId));
      });
    },
  };
}

export type Comments = ReturnType<typeof createComments>;
