import type { SpaceCore } from '../deps.js';
import type { PostRow } from '../posts/index.js';
import { sameSub } from '../visibility.js';

/** Characters of a comment a notification carries as its preview (`data.preview`). */
const PREVIEW_LENGTH = 80;

const preview = (text: string) =>
  text.length <= PREVIEW_LENGTH ? text : `${text.slice(0, PREVIEW_LENGTH - 1).trimEnd()}…`;

/** What a comment notice tells: the new comment, and whom it answers. */
export interface CommentNotice {
  post: PostRow;
  actor: string;
  commentId: string;
  /** The top-level comment a reply is filed under; null for a top-level comment. */
  threadId: string | null;
  replyToSub: string | null;
  mentions: readonly string[];
  body: string;
}

/**
 * The bell notices of likes and comments, through the hub (`orbit.notify`: best effort, after the write has
 * committed). Never to the actor, at most one per recipient and action, and only to recipients who may see
 * the post now — so a notice and its preview never show a post to someone it isn't shared with.
 */
export function createNotices(core: Pick<SpaceCore, 'orbit' | 'config' | 'visibility'>) {
  const urlOf = (postId: string) => `${core.config.publicUrl}/p/${postId}`;
  const isMoment = (post: PostRow) => post.kind === 'moment';

  return {
    /** "{actors} liked your moment", grouped per post. */
    async liked(post: PostRow, actor: string): Promise<void> {
      if (sameSub(post.ownerSub, actor)) return;
      await core.orbit.notify({
        recipient: post.ownerSub,
        actor,
        type: 'space.like',
        category: 'space.likes',
        groupKey: `like:${post.id}`,
        target: `post:${post.id}`,
        url: urlOf(post.id),
        text: isMoment(post)
          ? { en: '{actors} liked your moment', 'zh-CN': '{actors} 赞了你的说说' }
          : { en: '{actors} liked your post', 'zh-CN': '{actors} 赞了你的日志' },
        data: { postId: post.id },
      });
    },

    /**
     * A new comment: the person it answers ("replied to your comment"), else the post's owner ("commented on
     * your moment"), and everyone it @mentions who may see the post ("mentioned you").
     */
    async commented(notice: CommentNotice): Promise<void> {
      const { post, actor } = notice;
      const sent = new Set<string>([actor.toLowerCase()]);
      const sends: Promise<unknown>[] = [];
      const base = {
        actor,
        target: `post:${post.id}`,
        url: urlOf(post.id),
        data: { postId: post.id, commentId: notice.commentId, preview: preview(notice.body) },
      };
      const candidates: { recipient: string; kind: 'reply' | 'comment' | 'mention' }[] = [];
      if (notice.replyToSub) candidates.push({ recipient: notice.replyToSub, kind: 'reply' });
      candidates.push({ recipient: post.ownerSub, kind: 'comment' });
      for (const sub of notice.mentions) candidates.push({ recipient: sub, kind: 'mention' });
      for (const { recipient, kind } of candidates) {
        const key = recipient.toLowerCase();
        if (sent.has(key)) continue;
        sent.add(key);
        // The owner sees their own post; anyone else only while the post is shared with them.
        if (!(await core.visibility.canSee(recipient, post))) continue;
        if (kind === 'reply') {
          sends.push(
            core.orbit.notify({
              ...base,
              recipient,
              type: 'space.reply',
              category: 'space.comments',
              groupKey: `reply:${notice.threadId ?? notice.commentId}`,
              text: { en: '{actors} replied to your comment', 'zh-CN': '{actors} 回复了你的评论' },
            }),
          );
        } else if (kind === 'comment') {
          sends.push(
            core.orbit.notify({
              ...base,
              recipient,
              type: 'space.comment',
              category: 'space.comments',
              groupKey: `comment:${post.id}`,
              text: isMoment(post)
                ? { en: '{actors} commented on your moment', 'zh-CN': '{actors} 评论了你的说说' }
                : { en: '{actors} commented on your post', 'zh-CN': '{actors} 评论了你的日志' },
            }),
          );
        } else {
          sends.push(
            core.orbit.notify({
              ...base,
              recipient,
              type: 'space.mention',
              category: 'space.mentions',
              groupKey: `mention:${notice.commentId}`,
              text: { en: '{actors} mentioned you in a comment', 'zh-CN': '{actors} 在评论中提到了你' },
            }),
          );
        }
      }
      await Promise.all(sends);
    },
  };
}

export type Notices = ReturnType<typeof createNotices>;
