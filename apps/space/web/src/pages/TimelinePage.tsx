import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/space';
import { Composer } from '../components/Composer';
import { Feed } from '../components/Feed';
import { EmptyState } from '../components/States';
import { useApp } from '../lib/app-context';
import { usePaged } from '../lib/use-paged';

/** 好友动态: the composer, then one's own and one's friends' moments and posts, newest first. */
export function TimelinePage() {
  const { t } = useTranslation();
  const { hubUrl } = useApp();
  const loader = useCallback((cursor: string | null) => api.timeline(cursor), []);
  const paged = usePaged(loader);
  useEffect(() => {
    document.title = t('app.pageTitle', { page: t('nav.timeline') });
  }, [t]);
  return (
    <>
      <h1 className="page-title">{t('nav.timeline')}</h1>
      <Composer onPosted={paged.prepend} />
      <Feed
        paged={paged}
        testId="timeline"
        empty={
          <EmptyState title={t('feed.emptyTitle')} testId="timeline-empty">
            <p>{t('feed.emptyText')}</p>
            <a className="button" href={new URL('/friends/add', hubUrl).href}>
              {t('feed.addFriends')}
            </a>
          </EmptyState>
        }
      />
    </>
  );
}
