import { type AnyColumn, and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { SpaceCore } from '../deps.js';
import {
  albums,
  comments,
  likes,
  photos,
  posts,
  reports,
  spaceSettings,
  timeline,
  visits,
} from '../schema.js';

/**
 * An audience with `sub` taken out of its chosen accounts (`only_me` when nobody is left): what a deleted
 * account leaves in others' audiences, as SQL over the jsonb column.
 */
const withoutChosen = (column: AnyColumn, sub: string) =>
  sql`case when jsonb_array_length((${column}->'ids') - ${sub}::text) = 0
        then '{"type":"only_me"}'::jsonb
        else jsonb_set(${column}, '{ids}', (${column}->'ids') - ${sub}::text) end`;
const namesChosen = (column: AnyColumn, sub: string) =>
  sql`${column}->>'type' = 'chosen' and (${column}->'ids') ? ${sub}::text`;

/**
 * Deletes everything Space holds about `sub` (the account was deleted for good; docs/data-rights.md), in one
 * transaction: their posts (with the comments, likes and timeline rows on them), albums and photos, the comments
 * and likes they left elsewhere (those posts' counts recounted), timeline rows, visits either way, reports they
 * filed or that name their content, settings — and their account wherever others' rows name it (a reply's
 * addressee, mentions, a chosen audience). Then the photo files, and their whole folder of the store.
 * Idempotent: a second run finds nothing. Their sessions are ended by the SDK.
 */
export async function eraseSpace(
  core: Pick<SpaceCore, 'db' | 'photoStore' | 'logger' | 'people'>,
  sub: string,
) {
  const me = sub.toLowerCase();
  const keys = await core.db.transaction(async (tx) => {
    // Others' posts whose counts change: where they commented or liked (replies to them go by cascade).
    const touched = await tx
      .select({ postId: comments.postId })
      .from(comments)
      .innerJoin(posts, eq(posts.id, comments.postId))
      .where(and(eq(comments.authorSub, me), ne(posts.ownerSub, me)))
      .union(
        tx
          .select({ postId: likes.postId })
          .from(likes)
          .innerJoin(posts, eq(posts.id, likes.postId))
          .where(and(eq(likes.sub, me), ne(posts.ownerSub, me))),
      );
    const gone = await tx
      .delete(photos)
      .where(eq(photos.ownerSub, me))
      .returning({ storageKey: photos.storageKey });
    await tx.delete(posts).where(eq(posts.ownerSub, me));
    await tx.delete(albums).where(eq(albums.ownerSub, me));
    await tx.delete(comments).where(eq(comments.authorSub, me));
    await tx.delete(likes).where(eq(likes.sub, me));
    const postIds = touched.map((t) => t.postId);
    if (postIds.length > 0) {
      await tx
        .update(posts)
        .set({
          commentCount: sql`(select count(*)::int from ${comments} where ${comments.postId} = ${posts.id})`,
          likeCount: sql`(select count(*)::int from ${likes} where ${likes.postId} = ${posts.id})`,
        })
        .where(inArray(posts.id, postIds));
    }
    await tx.delete(timeline).where(or(eq(timeline.viewerSub, me), eq(timeline.ownerSub, me)));
    await tx.delete(visits).where(or(eq(visits.ownerSub, me), eq(visits.visitorSub, me)));
    await tx.delete(reports).where(or(eq(reports.reporterSub, me), eq(reports.targetOwnerSub, me)));
    await tx.update(reports).set({ resolvedBy: null }).where(eq(reports.resolvedBy, me));
    await tx.delete(spaceSettings).where(eq(spaceSettings.ownerSub, me));
    // Where others' rows name them: whom a reply answered, mentions, audiences that chose them.
    await tx.update(comments).set({ replyToSub: null }).where(eq(comments.replyToSub, me));
    await tx
      .update(comments)
      .set({ mentions: sql`array_remove(${comments.mentions}, ${me}::text)` })
      .where(sql`${me}::text = any(${comments.mentions})`);
    await tx
      .update(posts)
      .set({ mentions: sql`array_remove(${posts.mentions}, ${me}::text)` })
      .where(sql`${me}::text = any(${posts.mentions})`);
    await tx
      .update(posts)
      .set({ audience: withoutChosen(posts.audience, me) })
      .where(namesChosen(posts.audience, me));
    await tx
      .update(albums)
      .set({ audience: withoutChosen(albums.audience, me) })
      .where(namesChosen(albums.audience, me));
    await tx
      .update(spaceSettings)
      .set({ lastAudience: withoutChosen(spaceSettings.lastAudience, me) })
      .where(namesChosen(spaceSettings.lastAudience, me));
    return gone.map((g) => g.storageKey);
  });
  for (const key of [...keys, me]) {
    try {
      await core.photoStore.deletePrefix(key);
    } catch (error) {
      core.logger.error({ err: error, storageKey: key }, 'could not delete photo files of an erased account');
    }
  }
  core.people.forget(me);
}
