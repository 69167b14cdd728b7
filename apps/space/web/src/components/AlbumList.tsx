import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/space';
import type { Album } from '../api/types';
import { Link } from '../lib/navigation';
import { PhotoIcon } from './icons';
import { EmptyState, ErrorState, Loading } from './States';

/** An account's albums the reader may see, as cover tiles. */
export function AlbumList({ owner, mine }: { owner: string; mine: boolean }) {
  const { t } = useTranslation();
  const [albums, setAlbums] = useState<Album[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    api.albums(owner).then(setAlbums, setError);
  }, [owner]);
  useEffect(load, [load]);
  if (error) return <ErrorState error={error} retry={load} />;
  if (!albums) return <Loading />;
  return (
    <>
      {mine && (
        <Link to={{ page: 'newAlbum' }} className="button button-primary" data-testid="new-album">
          {t('space.newAlbum')}
        </Link>
      )}
      {albums.length === 0 ? (
        <EmptyState>
          <p>{mine ? t('space.albumsEmptyMine') : t('space.albumsEmptyOther')}</p>
        </EmptyState>
      ) : (
        <ul className="album-grid" data-testid="albums">
          {albums.map((album) => (
            <li key={album.id}>
              <Link to={{ page: 'album', id: album.id }} className="album-tile">
                {album.coverThumb ? (
                  <img className="album-cover" src={album.coverThumb} alt="" />
                ) : (
                  <span className="album-empty">
                    <PhotoIcon />
                  </span>
                )}
                <strong>{album.title}</strong>
                <span className="muted small">{t('space.albumPhotos', { count: album.photoCount })}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
