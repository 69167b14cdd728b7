import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/space';
import type { Post, SharedPost } from '../api/types';
import { useApp } from '../lib/app-context';
import { Link, useNavigation } from '../lib/navigation';
import { useErrorText } from '../lib/use-error-text';
import { useAudienceLabel } from './AudiencePicker';
import { Comments, TimeAgo } from './Comments';
import { CommentIcon, HeartIcon, ShareIcon } from './icons';
import { Likers } from './Likers';
import { PersonLink } from './Person';
import { PhotoGrid } from './PhotoGrid';
import { ReportButton } from './ReportDialog';

/**
 * One post or moment in a feed, a space or on its own page: who and when, the text (HTML the server rendered and
 * sanitised), photos, a link card or what it shares, then like, who liked, comments, share, report — and the
 * owner's pin, edit and delete.
 */
export function PostCard({
  post,
  onChange,
  onRemoved,
  openComments = false,
  full = false,
}: {
  post: Post;
  onChange: (post: Post) => void;
  onRemoved: (id: string) => void;
  openComments?: boolean;
  /** Its own page: the whole text, comments open. */
  full?: boolean;
}) {
  const { t } = useTranslation();
  const { notify } = useApp();
  const { navigate } = useNavigation();
  const describe = useErrorText();
  const audienceLabel = useAudienceLabel();
  const [showComments, setShowComments] = useState(openComments);
  const [showLikers, setShowLikers] = useState(false);
  const [busy, setBusy] = useState(false);
  const published = post.status === 'published';

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (error) {
      notify(describe(error), 'error');
    } finally {
      setBusy(false);
    }
  };

  const toggleLike = () =>
    act(async () => {
      const answer = await api.like(post.id, !post.likedByMe);
      onChange({ ...post, likedByMe: answer.liked, likeCount: answer.likeCount });
    });
  const share = () =>
    act(async () => {
      await api.create({ kind: 'moment', sharedPostId: post.id });
      notify(t('item.shareDone'));
    });
  const pin = () =>
    act(async () => {
      onChange(await api.pin(post.id, !post.pinned));
    });
  const remove = () => {
    if (!window.confirm(t('item.deleteConfirm'))) return;
    void act(async () => {
      await api.remove(post.id);
      notify(t('item.deletedDone'));
      onRemoved(post.id);
    });
  };
  const onCount = useCallback(
    (commentCount: number) => {
      if (commentCount !== post.commentCount) onChange({ ...post, commentCount });
    },
    [post, onChange],
  );

  return (
    <article className="card post" data-testid="post" data-post-id={post.id} data-kind={post.kind}>
      <PostBody post={post} full={full} />
      {post.shared &&
        ('unavailable' in post.shared ? (
          <p className="shared shared-unavailable muted">{t('item.unavailable')}</p>
        ) : (
          <div className="shared">
            <PostBody post={post.shared} full={false} />
          </div>
        ))}
      <footer className="post-foot">
        {post.mine && post.audience && (
          <span className="muted small audience-tag" data-testid="post-audience">
            {audienceLabel(post.audience)}
          </span>
        )}
        {published && (
          <div className="post-actions">
            <button
              type="button"
              className={`action${post.likedByMe ? ' action-on' : ''}`}
              aria-pressed={post.likedByMe}
              disabled={busy}
              onClick={() => void toggleLike()}
              data-testid="like-button"
            >
              <HeartIcon filled={post.likedByMe} /> {post.likedByMe ? t('item.unlike') : t('item.like')}
            </button>
            <button
              type="button"
              className="link-button"
              aria-expanded={showLikers}
              onClick={() => setShowLikers((v) => !v)}
              data-testid="like-count"
              data-count={post.likeCount}
            >
              {t('item.likes', { count: post.likeCount })}
            </button>
            <button
              type="button"
              className="action"
              aria-expanded={showComments}
              onClick={() => setShowComments((v) => !v)}
              data-testid="comments-toggle"
              data-count={post.commentCount}
            >
              <CommentIcon /> {t('item.comments', { count: post.commentCount })}
            </button>
            {/* Only what can be shared (published, public, not mine; the server refuses the rest); a share's own
                share button would share the share, not its original. */}
            {post.shareable && !post.shared && (
              <button type="button" className="action" disabled={busy} onClick={() => void share()}>
                <ShareIcon /> {t('item.share')}
              </button>
            )}
            {!post.mine && <ReportButton targetType="post" targetId={post.id} />}
          </div>
        )}
        {post.mine && (
          <div className="post-actions owner-actions">
            {published && (
              <button type="button" className="link-button" disabled={busy} onClick={() => void pin()}>
                {post.pinned ? t('item.unpin') : t('item.pin')}
              </button>
            )}
            {post.kind === 'post' && (
              <button
                type="button"
                className="link-button"
                onClick={() => navigate({ page: 'write', id: post.id })}
              >
                {t('item.edit')}
              </button>
            )}
            <button type="button" className="link-button danger" disabled={busy} onClick={remove}>
              {t('item.delete')}
            </button>
          </div>
        )}
      </footer>
      {showLikers && <Likers postId={post.id} />}
      {showComments && published && <Comments postId={post.id} onCount={onCount} />}
    </article>
  );
}

/** What a post says, without its actions (also what a share shows of its original). */
function PostBody({ post, full }: { post: SharedPost; full: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <header className="post-head">
        <PersonLink person={post.author} />
        <Link to={{ page: 'post', id: post.id }} className="post-time" data-testid="post-link">
          <TimeAgo iso={post.publishedAt ?? post.updatedAt} />
        </Link>
        {post.kind === 'post' && <span className="tag">{t('item.post')}</span>}
        {post.pinned && <span className="tag tag-accent">{t('item.pinned')}</span>}
        {post.status === 'draft' && <span className="tag">{t('item.draft')}</span>}
      </header>
      {post.kind === 'post' && post.title && (
        <h2 className="post-title">
          <Link to={{ page: 'post', id: post.id }}>{post.title}</Link>
        </h2>
      )}
      {post.cover && (
        <img
          className="post-cover"
          src={post.cover.urls.display}
          alt={post.cover.caption || post.title || ''}
        />
      )}
      {post.bodyHtml && (
        <div
          className={`post-text${post.kind === 'post' && !full ? ' post-text-clamped' : ''}`}
          data-testid="post-text"
          // The server renders and sanitises the text on write (markdown-it, then sanitize-html's allow-list).
          // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised HTML from Space's own server
          dangerouslySetInnerHTML={{ __html: post.bodyHtml }}
        />
      )}
      {post.kind === 'post' && !full && (
        <Link to={{ page: 'post', id: post.id }} className="small">
          {t('item.readMore')}
        </Link>
      )}
      {post.link && (
        <a className="link-card" href={post.link.url} target="_blank" rel="noopener noreferrer nofollow">
          <strong>{post.link.title}</strong>
          {post.link.description && <span className="muted small">{post.link.description}</span>}
          <span className="muted small">{new URL(post.link.url).host}</span>
        </a>
      )}
      <PhotoGrid photos={post.photos} />
    </>
  );
}
