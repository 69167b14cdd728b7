import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Photo } from '../api/types';
import { Lightbox } from './Lightbox';

/** A moment's photos (1–9) as a grid of thumbnails; each opens large in the lightbox. */
export function PhotoGrid({ photos }: { photos: Photo[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  if (photos.length === 0) return null;
  const layout = photos.length === 1 ? 'one' : photos.length === 2 || photos.length === 4 ? 'two' : 'three';
  return (
    <>
      <ul className={`photo-grid photo-grid-${layout}`} data-testid="photo-grid">
        {photos.map((photo, i) => (
          <li key={photo.id}>
            <button type="button" className="photo-button" onClick={() => setOpen(i)}>
              <img
                src={photos.length === 1 ? photo.urls.display : photo.urls.thumb}
                alt={photo.caption || t('item.photoAlt', { n: i + 1, count: photos.length })}
                loading="lazy"
                data-testid="photo"
              />
            </button>
          </li>
        ))}
      </ul>
      {open !== null && (
        <Lightbox photos={photos} index={open} onIndex={setOpen} onClose={() => setOpen(null)} />
      )}
    </>
  );
}
