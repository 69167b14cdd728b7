import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/space';
import type { Liker } from '../api/types';
import { PersonLink } from './Person';
import { ErrorState, Loading } from './States';

/** Who liked a post, newest first (the first page: the count says how many in all). */
export function Likers({ postId }: { postId: string }) {
  const { t } = useTranslation();
  const [likes, setLikes] = useState<Liker[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.likes(postId).then((page) => setLikes(page.likes), setError);
  }, [postId]);
  if (error) return <ErrorState error={error} />;
  if (!likes) return <Loading />;
  if (likes.length === 0) return <p className="muted small">{t('item.noLikes')}</p>;
  return (
    <ul className="likers" aria-label={t('item.whoLiked')} data-testid="likers">
      {likes.map((like) => (
        <li key={like.person.sub}>
          <PersonLink person={like.person} />
        </li>
      ))}
    </ul>
  );
}
