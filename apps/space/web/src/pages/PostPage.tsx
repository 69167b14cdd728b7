import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/space';
import type { Post } from '../api/types';
import { PostCard } from '../components/PostCard';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { isNotFound } from '../lib/errors';
import { Link, useNavigation } from '../lib/navigation';

/** One post or moment (where the bell's notifications lead), its comments open. */
export function PostPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { navigate } = useNavigation();
  const [post, setPost] = useState<Post | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    let live = true;
    setPost(null);
    setError(null);
    api.post(id).then(
      (found) => live && setPost(found),
      (caught: unknown) => live && setError(caught),
    );
    return () => {
      live = false;
    };
  }, [id]);
  useEffect(load, [load]);

  useEffect(() => {
    if (post) document.title = t('app.pageTitle', { page: post.title ?? t(`item.${post.kind}`) });
  }, [post, t]);

  if (error && isNotFound(error))
    return (
      <EmptyState title={t('post.notFoundTitle')} testId="not-found">
        <p>{t('post.notFound')}</p>
        <Link to={{ page: 'timeline' }} className="button">
          {t('post.backHome')}
        </Link>
      </EmptyState>
    );
  if (error) return <ErrorState error={error} retry={load} />;
  if (!post) return <Loading />;
  return (
    <PostCard
      post={post}
      onChange={setPost}
      onRemoved={() => navigate({ page: 'timeline' }, { replace: true })}
      openComments
      full
    />
  );
}
