import { and, asc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { SpacePerson } from '../contracts/common.js';
import type { REPORT_REASONS, REPORT_STATUSES, ReportView } from '../contracts/talk.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import type { SpaceCore, SpaceTx } from '../deps.js';
import { notFound } from '../errors.js';
import type { Photos } from '../photos/index.js';
import type { Posts } from '../posts/index.js';
import type { RateLimit } from '../rate-limit.js';
import { comments, posts as postsTable, reports } from '../schema.js';
import { sameSub } from '../visibility.js';
import { alreadyReported, reportClosed, reportOwn } from './errors.js';
import { blockedEitherWay } from './hidden.js';

/** Characters of the reported text kept with a report. */
const EXCERPT_LENGTH = 500;

type ReportRow = typeof reports.$inferSelect;
type Target = { targetType: 'post' | 'comment'; targetId: string };

export interface NewReport extends Target {
  reason: (typeof REPORT_REASONS)[number];
  details: string;
}

/**
 * Reports of posts, moments and comments: anyone signed in who can see the content reports it once, with what
 * it said then; Space moderators (the manifest's `moderator` role) dismiss a report or remove the content, which
 * closes every open report of the same content.
 */
export function createReports(
  core: SpaceCore,
  { posts, photos, limit }: { posts: Posts; photos: Photos; limit: RateLimit },
) {
  const { db } = core;

  /** The reported content as `viewer` sees it: its owner and text; 404 when they can't see it. */
  async function target(viewer: string, { targetType, targetId }: Target) {
    if (targetType === 'post') {
      const post = await posts.visible(viewer, targetId);
      return { ownerSub: post.ownerSub, text: [post.title, post.body].filter(Boolean).join('\n\n') };
    }
    const [comment] = await db.select().from(comments).where(eq(comments.id, targetId));
    if (!comment) throw notFound();
    await posts.visible(viewer, comment.postId);
    if ((await blockedEitherWay(core.orbit, viewer, [comment.authorSub])).size > 0) throw notFound();
    return { ownerSub: comment.authorSub, text: comment.body };
  }

  /** Closes every open report of `t` (in the caller's transaction); answers how many. */
  async function close(tx: SpaceTx, t: Target, status: 'resolved' | 'dismissed', moderator: string) {
    const closed = await tx
      .update(reports)
      .set({ status, resolvedBy: moderator.toLowerCase(), resolvedAt: core.clock.now() })
      .where(
        and(
          eq(reports.targetType, t.targetType),
          eq(reports.targetId, t.targetId),
          eq(reports.status, 'open'),
        ),
      )
      .returning({ id: reports.id });
    return closed.length;
  }

  /** Where a report's content is now; null once it is gone. */
  async function targetUrls(rows: readonly ReportRow[]): Promise<Map<string, string>> {
    const base = core.config.publicUrl;
    const postIds = rows.filter((r) => r.targetType === 'post').map((r) => r.targetId);
    const commentIds = rows.filter((r) => r.targetType === 'comment').map((r) => r.targetId);
    const out = new Map<string, string>();
    if (postIds.length > 0) {
      const found = await db
        .select({ id: postsTable.id })
        .from(postsTable)
        .where(inArray(postsTable.id, postIds));
      for (const { id } of found) out.set(`post:${id}`, `${base}/p/${id}`);
    }
    if (commentIds.length > 0) {
      const found = await db
        .select({ id: comments.id, postId: comments.postId })
        .from(comments)
        .where(inArray(comments.id, commentIds));
      for (const { id, postId } of found) out.set(`comment:${id}`, `${base}/p/${postId}#comment-${id}`);
    }
    return out;
  }

  return {
    /** Files `reporter`'s report; 409 `space.already_reported` for a second one of the same content. */
    async file(reporter: string, input: NewReport) {
      limit.take(reporter);
      const { ownerSub, text } = await target(reporter, input);
      if (sameSub(ownerSub, reporter)) throw reportOwn();
      const [row] = await db
        .insert(reports)
        .values({
          reporterSub: reporter.toLowerCase(),
          targetType: input.targetType,
          targetId: input.targetId,
          targetOwnerSub: ownerSub.toLowerCase(),
          excerpt: Array.from(text).slice(0, EXCERPT_LENGTH).join(''),
          reason: input.reason,
          details: input.details,
          createdAt: core.clock.now(),
        })
        .onConflictDoNothing()
        .returning({ id: reports.id, status: reports.status });
      if (!row) throw alreadyReported();
      return row as { id: string; status: 'open' };
    },

    /** Reports with `status`, oldest first, for moderators. */
    async list(page: {
      status: (typeof REPORT_STATUSES)[number];
      cursor?: string | undefined;
      limit: number;
    }) {
      const after = decodeCursor(page.cursor);
      const rows = await db
        .select()
        .from(reports)
        .where(
          and(
            eq(reports.status, page.status),
            after
              ? or(
                  gt(reports.createdAt, after.at),
                  and(eq(reports.createdAt, after.at), gt(reports.id, after.id)),
                )
              : undefined,
          ),
        )
        .orderBy(asc(reports.createdAt), asc(reports.id))
        .limit(page.limit + 1);
      const shown = rows.slice(0, page.limit);
      const last = shown.at(-1);
      const next =
        rows.length > page.limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null;
      const cards = await core.people.cards(
        shown.flatMap((r) => [r.reporterSub, r.targetOwnerSub, ...(r.resolvedBy ? [r.resolvedBy] : [])]),
      );
      const card = (sub: string) => cards.get(sub.toLowerCase()) as SpacePerson;
      const urls = await targetUrls(shown);
      const views: ReportView[] = shown.map((r) => ({
        id: r.id,
        targetType: r.targetType as ReportView['targetType'],
        targetId: r.targetId,
        targetUrl: urls.get(`${r.targetType}:${r.targetId}`) ?? null,
        excerpt: r.excerpt,
        reason: r.reason as ReportView['reason'],
        details: r.details,
        status: r.status as ReportView['status'],
        reporter: card(r.reporterSub),
        owner: card(r.targetOwnerSub),
        resolvedBy: r.resolvedBy ? card(r.resolvedBy) : null,
        resolvedAt: r.resolvedAt?.toISOString() ?? null,
        createdAt: r.createdAt.toISOString(),
      }));
      return { reports: views, next };
    },

    /**
     * Dismisses the report, or removes what it reports (a post with its photos, comments and likes; a comment
     * with its replies); either way every open report of that content is closed with it.
     */
    async resolve(moderator: string, reportId: string, action: 'dismiss' | 'remove') {
      const [report] = await db.select().from(reports).where(eq(reports.id, reportId));
      if (!report) throw notFound();
      if (report.status !== 'open') throw reportClosed(report.status);
      const t = { targetType: report.targetType as Target['targetType'], targetId: report.targetId };
      const status = action === 'dismiss' ? ('dismissed' as const) : ('resolved' as const);
      let photoKeys: string[] = [];
      const closed = await db.transaction(async (tx) => {
        if (action === 'remove' && t.targetType === 'post') {
          // The post's comments go with it (cascade): their reports are closed as handled too.
          const ofPost = await tx
            .select({ id: comments.id })
            .from(comments)
            .where(eq(comments.postId, t.targetId));
          photoKeys = await photos.deleteOfPost(tx, t.targetId);
          await tx.delete(postsTable).where(eq(postsTable.id, t.targetId));
          if (ofPost.length > 0) {
            await tx
              .update(reports)
              .set({ status, resolvedBy: moderator.toLowerCase(), resolvedAt: core.clock.now() })
              .where(
                and(
                  eq(reports.targetType, 'comment'),
                  inArray(
                    reports.targetId,
                    ofPost.map((c) => c.id),
                  ),
                  eq(reports.status, 'open'),
                ),
              );
          }
        } else if (action === 'remove') {
          const [gone] = await tx.delete(comments).where(eq(comments.id, t.targetId)).returning();
          if (gone) {
            await tx
              .update(postsTable)
              .set({
                commentCount: sql`(select count(*)::int from ${comments} where ${comments.postId} = ${gone.postId})`,
              })
              .where(eq(postsTable.id, gone.postId));
          }
        }
        return close(tx, t, status, moderator);
      });
      if (photoKeys.length > 0) await photos.purgeFiles(photoKeys);
      return { closed, status };
    },
  };
}

export type Reports = ReturnType<typeof createReports>;
