import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Post } from '../api/types';
import type { usePaged } from '../lib/use-paged';
import { PostCard } from './PostCard';
import { ErrorState, Loading } from './States';

/**
 * A list of posts and moments read by cursor: more come as the reader nears the end (and with "Load more", for
 * keyboards and when the observer isn't there). `empty` says what to do when there is nothing.
 */
export function Feed({
  paged,
  empty,
  testId = 'feed',
}: {
  paged: ReturnType<typeof usePaged<Post>>;
  empty: ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation();
  const sentinel = useRef<HTMLDivElement>(null);
  const { more, next } = paged;

  useEffect(() => {
    const element = sentinel.current;
    if (!element || !next || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) void more();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [more, next]);

  if (paged.error && !paged.items)
    return <ErrorState error={paged.error} retry={() => void paged.reload()} />;
  if (!paged.items) return <Loading />;
  if (paged.items.length === 0 && !paged.next) return <>{empty}</>;
  return (
    <div className="feed" data-testid={testId}>
      {paged.items.map((post) => (
        <PostCard key={post.id} post={post} onChange={paged.update} onRemoved={paged.remove} />
      ))}
      {paged.error != null && <ErrorState error={paged.error} retry={() => void paged.more()} />}
      <div ref={sentinel} />
      {paged.next ? (
        <button
          type="button"
          className="button load-more"
          disabled={paged.loadingMore}
          onClick={() => void paged.more()}
          data-testid="load-more"
        >
          {paged.loadingMore ? t('common.loading') : t('common.loadMore')}
        </button>
      ) : (
        <p className="muted small feed-end">{t('common.end')}</p>
      )}
    </div>
  );
}
