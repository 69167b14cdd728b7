import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/space';
import type { Post, SearchSegment } from '../api/types';
import { TimeAgo } from '../components/Comments';
import { PersonLink } from '../components/Person';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { Link, useNavigation } from '../lib/navigation';
import { usePaged } from '../lib/use-paged';

interface Hit {
  id: string;
  post: Post;
  snippet: SearchSegment[];
}

/** Search of the posts and moments the reader may see, each hit with its passage, the matches marked. */
export function SearchPage({ q }: { q: string }) {
  const { t } = useTranslation();
  const { navigate } = useNavigation();
  const inputId = useId();
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  useEffect(() => {
    document.title = t('app.pageTitle', { page: q ? `${t('search.title')}: ${q}` : t('search.title') });
  }, [q, t]);

  const loader = useCallback(
    async (cursor: string | null) => {
      if (!q) return { items: [] as Hit[], next: null };
      const page = await api.search(q, cursor);
      return { items: page.items.map((hit) => ({ id: hit.post.id, ...hit })), next: page.next };
    },
    [q],
  );
  const paged = usePaged<Hit>(loader);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate({ page: 'search', q: text.trim() });
  };

  return (
    <>
      <h1 className="page-title">{t('search.title')}</h1>
      <form className="card search-form row" aria-label={t('search.label')} onSubmit={submit}>
        <label htmlFor={inputId} className="visually-hidden">
          {t('search.label')}
        </label>
        <input
          id={inputId}
          type="search"
          value={text}
          maxLength={200}
          placeholder={t('search.placeholder')}
          onChange={(event) => setText(event.target.value)}
          data-testid="search-input"
        />
        <button type="submit" className="button button-primary" disabled={!text.trim()}>
          {t('search.submit')}
        </button>
      </form>
      {!q && <p className="muted">{t('search.hint')}</p>}
      {q && paged.error != null && <ErrorState error={paged.error} retry={() => void paged.reload()} />}
      {q && !paged.items && !paged.error && <Loading />}
      {q && paged.items?.length === 0 && (
        <EmptyState testId="search-empty">
          <p>{t('search.empty', { q })}</p>
        </EmptyState>
      )}
      {paged.items && paged.items.length > 0 && (
        <ul className="search-results" data-testid="search-results">
          {paged.items.map((hit) => (
            <li key={hit.id} className="card" data-testid="search-hit">
              <div className="post-head">
                <PersonLink person={hit.post.author} />
                <TimeAgo iso={hit.post.publishedAt ?? hit.post.updatedAt} />
              </div>
              <Link to={{ page: 'post', id: hit.post.id }} className="search-title">
                {hit.post.title ?? t(`item.${hit.post.kind}`)}
              </Link>
              <p className="snippet">
                {hit.snippet.map((segment, i) =>
                  segment.match ? (
                    // biome-ignore lint/suspicious/noArrayIndexKey: segments are fixed for the hit
                    <mark key={i}>{segment.text}</mark>
                  ) : (
                    // biome-ignore lint/suspicious/noArrayIndexKey: segments are fixed for the hit
                    <span key={i}>{segment.text}</span>
                  ),
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      {paged.next && (
        <button type="button" className="button load-more" onClick={() => void paged.more()}>
          {t('common.loadMore')}
        </button>
      )}
    </>
  );
}
