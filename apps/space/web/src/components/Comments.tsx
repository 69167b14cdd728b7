import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/space';
import type { Comment, CommentThread } from '../api/types';
import { fullTime, relativeTime } from '../lib/format';
import { useErrorText } from '../lib/use-error-text';
import { PersonLink, usePersonName } from './Person';
import { ReportButton } from './ReportDialog';
import { ErrorState, Loading } from './States';

interface ReplyTarget {
  parentId: string;
  to: Comment;
}

/**
 * A post's comments: top-level oldest first with their replies (one level), a box to comment, a reply box
 * under the comment answered, delete for one's own and for everything in one's own space.
 */
export function Comments({ postId, onCount }: { postId: string; onCount: (count: number) => void }) {
  const { t } = useTranslation();
  const describe = useErrorText();
  const [threads, setThreads] = useState<CommentThread[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [replying, setReplying] = useState<ReplyTarget | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  // The latest `onCount`, without reloading the comments each time the post (and so the callback) changes.
  const countRef = useRef(onCount);
  countRef.current = onCount;

  const load = useCallback(async () => {
    setError(null);
    try {
      const page = await api.comments(postId);
      setThreads(page.comments);
      setNext(page.next);
      countRef.current(page.commentCount);
    } catch (caught) {
      setError(caught);
    }
  }, [postId]);

  useEffect(() => {
    void load();
  }, [load]);

  async function more() {
    if (!next) return;
    try {
      const page = await api.comments(postId, next);
      setThreads((list) => [...(list ?? []), ...page.comments]);
      setNext(page.next);
    } catch (caught) {
      setActionError(describe(caught));
    }
  }

  async function remove(comment: Comment) {
    if (!window.confirm(t('comments.deleteConfirm'))) return;
    try {
      await api.deleteComment(comment.id);
      await load();
    } catch (caught) {
      setActionError(describe(caught));
    }
  }

  if (error) return <ErrorState error={error} retry={() => void load()} title={t('comments.loadFailed')} />;
  if (!threads) return <Loading />;

  const renderComment = (comment: Comment, parentId: string) => (
    <div className="comment" id={`comment-${comment.id}`} data-testid="comment">
      <div className="comment-head">
        <PersonLink person={comment.author} />
        {comment.replyTo && (
          <>
            <span className="muted small">{t('comments.replyTo')}</span>
            <PersonLink person={comment.replyTo} avatar={false} />
          </>
        )}
        <TimeAgo iso={comment.createdAt} />
      </div>
      <p className="comment-body" data-testid="comment-body">
        {comment.body}
      </p>
      <div className="comment-actions">
        <button
          type="button"
          className="link-button"
          onClick={() => setReplying({ parentId, to: comment })}
          data-testid="comment-reply"
        >
          {t('comments.reply')}
        </button>
        {comment.canDelete && (
          <button type="button" className="link-button" onClick={() => void remove(comment)}>
            {t('comments.delete')}
          </button>
        )}
        <ReportButton targetType="comment" targetId={comment.id} />
      </div>
      {replying?.to.id === comment.id && (
        <CommentBox
          postId={postId}
          reply={replying}
          onDone={() => {
            setReplying(null);
            void load();
          }}
          onCancel={() => setReplying(null)}
        />
      )}
    </div>
  );

  return (
    <section className="comments" aria-label={t('comments.label')} data-testid="comments">
      {actionError && (
        <p role="alert" className="alert alert-error">
          {actionError}
        </p>
      )}
      {threads.length === 0 ? (
        <p className="muted small">{t('comments.empty')}</p>
      ) : (
        <ol className="comment-list">
          {threads.map((thread) => (
            <li key={thread.id}>
              {renderComment(thread, thread.id)}
              {thread.replies.length > 0 && (
                <ol className="reply-list">
                  {thread.replies.map((reply) => (
                    <li key={reply.id}>{renderComment(reply, thread.id)}</li>
                  ))}
                </ol>
              )}
            </li>
          ))}
        </ol>
      )}
      {next && (
        <button type="button" className="link-button" onClick={() => void more()}>
          {t('comments.more')}
        </button>
      )}
      <CommentBox postId={postId} onDone={() => void load()} />
    </section>
  );
}

/** The box to write a comment, or a reply to `reply.to`. */
function CommentBox({
  postId,
  reply,
  onDone,
  onCancel,
}: {
  postId: string;
  reply?: ReplyTarget;
  onDone: () => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const describe = useErrorText();
  const name = usePersonName();
  const id = useId();
  const [body, setBody] = useState('');
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const label = reply
    ? t('comments.replyPlaceholder', { name: name(reply.to.author) })
    : t('comments.placeholder');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSending(true);
    setProblem(null);
    try {
      await api.comment(postId, body, reply?.parentId, reply?.to.author.sub);
      setBody('');
      onDone();
    } catch (caught) {
      setProblem(describe(caught));
    } finally {
      setSending(false);
    }
  }

  return (
    <form className="comment-box" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        value={body}
        maxLength={1000}
        placeholder={label}
        onChange={(event) => setBody(event.target.value)}
        data-testid={reply ? 'reply-input' : 'comment-input'}
        // biome-ignore lint/a11y/noAutofocus: the reader just asked to reply here
        autoFocus={Boolean(reply)}
      />
      <button
        type="submit"
        className="button button-primary"
        disabled={!body.trim() || sending}
        data-testid={reply ? 'reply-send' : 'comment-send'}
      >
        {t('comments.send')}
      </button>
      {onCancel && (
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      )}
      {problem && (
        <p role="alert" className="alert alert-error">
          {problem}
        </p>
      )}
    </form>
  );
}

/** "5 minutes ago", with the full time on hover. */
export function TimeAgo({ iso }: { iso: string }) {
  const { i18n } = useTranslation();
  return (
    <time className="muted small" dateTime={iso} title={fullTime(iso, i18n.resolvedLanguage)}>
      {relativeTime(iso, i18n.resolvedLanguage)}
    </time>
  );
}
