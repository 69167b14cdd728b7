import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/space';
import type { Person, Post, ThemeId } from '../api/types';
import { AlbumList } from '../components/AlbumList';
import { Feed } from '../components/Feed';
import { PersonLink, usePersonName } from '../components/Person';
import { PostCard } from '../components/PostCard';
import { EmptyState, ErrorState } from '../components/States';
import { Visitors } from '../components/Visitors';
import { useApp } from '../lib/app-context';
import { isNotFound } from '../lib/errors';
import { Link } from '../lib/navigation';
import type { SpaceTab } from '../lib/route';
import { themeClass } from '../lib/themes';
import { usePaged } from '../lib/use-paged';

const TABS: SpaceTab[] = ['moments', 'posts', 'albums'];

/**
 * Someone's space (or one's own at `/me`), in its owner's theme: the owner, the pinned item, their moments,
 * posts and albums; one's own has the visitor log, another's records the visit on opening.
 */
export function SpacePage({ sub, tab }: { sub: string | null; tab: SpaceTab }) {
  const { t } = useTranslation();
  const { me } = useApp();
  const owner = sub ?? me.sub;
  const mine = owner.toLowerCase() === me.sub.toLowerCase();
  const name = usePersonName();
  const [theme, setTheme] = useState<ThemeId>('classic');
  const [ownerCard, setOwnerCard] = useState<Person | null>(null);
  const [pinned, setPinned] = useState<Post | null>(null);

  useEffect(() => {
    let live = true;
    api.spaceTheme(owner).then(
      (found) => live && setTheme(found),
      () => undefined, // the classic look
    );
    if (!mine) void api.visit(owner).catch(() => undefined); // a footprint is best effort
    return () => {
      live = false;
    };
  }, [owner, mine]);

  const kind = tab === 'posts' ? 'post' : 'moment';
  const loader = useCallback(
    async (cursor: string | null) => {
      // The server pages one kind at a time (the tab's), so a page comes back full.
      const page = await api.space(owner, kind, cursor);
      if (!cursor) {
        setOwnerCard(page.owner);
        setPinned(page.pinned);
      }
      const pinnedId = page.pinned?.id;
      return { items: page.items.filter((item) => item.id !== pinnedId), next: page.next };
    },
    [owner, kind],
  );
  const shown = usePaged(loader);

  const title = mine ? t('space.mine') : ownerCard ? t('space.title', { name: name(ownerCard) }) : '';
  useEffect(() => {
    if (title) document.title = t('app.pageTitle', { page: title });
  }, [title, t]);

  if (shown.error && isNotFound(shown.error))
    return (
      <EmptyState title={t('post.notFoundTitle')} testId="not-found">
        <p>{t('space.notFound')}</p>
      </EmptyState>
    );

  return (
    <div className={`space-page ${themeClass(theme)}`} data-testid="space-page" data-theme={theme}>
      <header className="space-banner">
        {ownerCard && <PersonLink person={ownerCard} />}
        <h1>{title}</h1>
        {mine && (
          <div className="row">
            <Link to={{ page: 'write', id: null }} className="button">
              {t('space.write')}
            </Link>
            <Link to={{ page: 'settings' }} className="button button-quiet">
              {t('nav.settings')}
            </Link>
          </div>
        )}
        <a className="small rss-link" href={`/rss/${encodeURIComponent(owner)}.xml`}>
          {t('space.rss')}
        </a>
      </header>
      <div className="space-columns">
        <div className="space-main">
          <nav className="tabs" aria-label={title}>
            {TABS.map((value) => (
              <Link
                key={value}
                to={{ page: 'space', sub, tab: value }}
                className={`tab${value === tab ? ' tab-on' : ''}`}
                aria-current={value === tab ? 'page' : undefined}
              >
                {t(`space.${value}`)}
              </Link>
            ))}
          </nav>
          {pinned && tab !== 'albums' && (
            <PostCard post={pinned} onChange={setPinned} onRemoved={() => setPinned(null)} />
          )}
          {tab === 'albums' ? (
            <AlbumList owner={owner} mine={mine} />
          ) : shown.error && !shown.items ? (
            <ErrorState error={shown.error} retry={() => void shown.reload()} />
          ) : (
            <Feed
              paged={shown}
              testId="space-feed"
              empty={
                <EmptyState>
                  <p>
                    {mine
                      ? t('space.emptyMine')
                      : t('space.emptyOther', { name: ownerCard ? name(ownerCard) : '' })}
                  </p>
                </EmptyState>
              }
            />
          )}
        </div>
        {mine && (
          <aside className="space-side">
            <Visitors />
          </aside>
        )}
      </div>
    </div>
  );
}
