import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/space';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { relativeTime } from '../lib/format';
import { Link } from '../lib/navigation';
import { usePaged } from '../lib/use-paged';

/** One's drafts, last edited first; each opens in the editor. */
export function DraftsPage() {
  const { t, i18n } = useTranslation();
  const loader = useCallback((cursor: string | null) => api.drafts(cursor), []);
  const paged = usePaged(loader);
  useEffect(() => {
    document.title = t('app.pageTitle', { page: t('drafts.title') });
  }, [t]);
  return (
    <>
      <h1 className="page-title">{t('drafts.title')}</h1>
      {paged.error != null && <ErrorState error={paged.error} retry={() => void paged.reload()} />}
      {!paged.items && !paged.error && <Loading />}
      {paged.items?.length === 0 && (
        <EmptyState>
          <p>{t('drafts.empty')}</p>
          <Link to={{ page: 'write', id: null }} className="button">
            {t('nav.write')}
          </Link>
        </EmptyState>
      )}
      {paged.items && paged.items.length > 0 && (
        <ul className="card draft-list" data-testid="drafts">
          {paged.items.map((draft) => (
            <li key={draft.id}>
              <Link to={{ page: 'write', id: draft.id }}>{draft.title || t('drafts.untitled')}</Link>
              <span className="muted small">
                {t('drafts.edited', { when: relativeTime(draft.updatedAt, i18n.resolvedLanguage) })}
              </span>
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
