import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Photo } from '../api/types';

/** One photo large, over the page: previous / next (buttons and arrow keys), Escape or the button closes it. */
export function Lightbox({
  photos,
  index,
  onIndex,
  onClose,
}: {
  photos: Photo[];
  index: number;
  onIndex: (index: number) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const photo = photos[index];

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'ArrowLeft' && index > 0) onIndex(index - 1);
      if (event.key === 'ArrowRight' && index < photos.length - 1) onIndex(index + 1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [index, photos.length, onIndex]);

  if (!photo) return null;
  const alt = photo.caption || t('item.photoAlt', { n: index + 1, count: photos.length });
  return (
    <dialog
      ref={dialog}
      className="lightbox"
      aria-label={t('lightbox.label')}
      onClose={onClose}
      onCancel={onClose}
      data-testid="lightbox"
    >
      <figure>
        <img
          className="lightbox-image"
          src={photo.urls.display}
          alt={alt}
          width={photo.width}
          height={photo.height}
        />
        {photo.caption && <figcaption>{photo.caption}</figcaption>}
      </figure>
      <div className="lightbox-bar">
        <button type="button" className="button" disabled={index === 0} onClick={() => onIndex(index - 1)}>
          <span aria-hidden="true">‹</span> <span className="visually-hidden">{t('lightbox.previous')}</span>
        </button>
        <span>
          {index + 1} / {photos.length}
        </span>
        <button
          type="button"
          className="button"
          disabled={index >= photos.length - 1}
          onClick={() => onIndex(index + 1)}
        >
          <span className="visually-hidden">{t('lightbox.next')}</span> <span aria-hidden="true">›</span>
        </button>
        <a className="button button-quiet" href={photo.urls.original} target="_blank" rel="noreferrer">
          {t('lightbox.original')}
        </a>
        <button type="button" className="button" onClick={onClose} data-testid="lightbox-close">
          {t('common.close')}
        </button>
      </div>
    </dialog>
  );
}
