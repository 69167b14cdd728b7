import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/space';
import type { Album, Audience, Compose, Photo } from '../api/types';
import { AudiencePicker } from '../components/AudiencePicker';
import { Lightbox } from '../components/Lightbox';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { UploadTiles } from '../components/UploadTiles';
import { useApp } from '../lib/app-context';
import { isNotFound } from '../lib/errors';
import { useNavigation } from '../lib/navigation';
import { useErrorText } from '../lib/use-error-text';
import { useUploads } from '../lib/use-uploads';

/** `/albums/new`: a name, a description and who may see it. */
export function NewAlbumPage() {
  const { t } = useTranslation();
  const { navigate } = useNavigation();
  const describe = useErrorText();
  const titleId = useId();
  const descriptionId = useId();
  const [compose, setCompose] = useState<Compose | null>(null);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [audience, setAudience] = useState<Audience | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = t('app.pageTitle', { page: t('album.newTitle') });
    api.compose().then(
      (answer) => {
        setCompose(answer);
        setAudience(answer.defaultAudience);
      },
      (error: unknown) => setProblem(describe(error)),
    );
  }, [t, describe]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const album = await api.createAlbum({ title, description, ...(audience ? { audience } : {}) });
      navigate({ page: 'album', id: album.id }, { replace: true });
    } catch (error) {
      setProblem(describe(error));
      setBusy(false);
    }
  }

  return (
    <form className="card stack" onSubmit={submit} data-testid="new-album-form">
      <h1 className="page-title">{t('album.newTitle')}</h1>
      <label htmlFor={titleId}>{t('album.titleLabel')}</label>
      <input id={titleId} value={title} maxLength={100} required onChange={(e) => setTitle(e.target.value)} />
      <label htmlFor={descriptionId}>{t('album.descriptionLabel')}</label>
      <textarea
        id={descriptionId}
        value={description}
        maxLength={1000}
        rows={3}
        onChange={(e) => setDescription(e.target.value)}
      />
      {audience && compose && (
        <AudiencePicker
          value={audience}
          groups={compose.groups}
          friends={compose.friends}
          onChange={setAudience}
        />
      )}
      {problem && (
        <p role="alert" className="alert alert-error">
          {problem}
        </p>
      )}
      <div className="row">
        <button type="submit" className="button button-primary" disabled={busy || !title.trim()}>
          {t('album.create')}
        </button>
      </div>
    </form>
  );
}

/**
 * An album: its photos as a grid (each opens large), and for its owner a batch upload with each file's
 * progress, captions, the cover, the audience, and deleting a photo or the whole album.
 */
export function AlbumPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { me, notify } = useApp();
  const { navigate } = useNavigation();
  const describe = useErrorText();
  const filesId = useId();
  const [album, setAlbum] = useState<Album | null>(null);
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [compose, setCompose] = useState<Compose | null>(null);
  const uploads = useUploads({ albumId: id });
  const mine = album !== null && album.ownerSub.toLowerCase() === me.sub.toLowerCase();

  const load = useCallback(async () => {
    setError(null);
    try {
      const page = await api.album(id);
      setAlbum(page.album);
      setPhotos(page.photos);
      setNext(page.next);
    } catch (caught) {
      setError(caught);
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (album) document.title = t('app.pageTitle', { page: album.title });
  }, [album, t]);
  useEffect(() => {
    if (mine) api.compose().then(setCompose, () => undefined);
  }, [mine]);

  // Photos that finished uploading join the grid, and leave the upload list.
  const { uploads: pending, setUploads } = uploads;
  useEffect(() => {
    const done = pending.filter((u) => u.status === 'done' && u.photo);
    if (done.length === 0) return;
    setPhotos((list) => [...list, ...done.flatMap((u) => (u.photo ? [u.photo] : []))]);
    setUploads((list) => list.filter((u) => u.status !== 'done'));
    void api.album(id).then(
      (page) => setAlbum(page.album),
      () => undefined,
    );
  }, [pending, setUploads, id]);

  const act = async (action: () => Promise<void>) => {
    try {
      await action();
    } catch (caught) {
      notify(describe(caught), 'error');
    }
  };

  if (error && isNotFound(error))
    return (
      <EmptyState testId="not-found">
        <p>{t('post.notFound')}</p>
      </EmptyState>
    );
  if (error) return <ErrorState error={error} retry={() => void load()} />;
  if (!album) return <Loading />;

  return (
    <section className="album-page" data-testid="album-page">
      <header className="card stack">
        <h1 className="page-title">{album.title}</h1>
        {album.description && <p>{album.description}</p>}
        <p className="muted small">{t('space.albumPhotos', { count: album.photoCount })}</p>
        {mine && compose && (
          <AudiencePicker
            value={album.audience}
            groups={compose.groups}
            friends={compose.friends}
            onChange={(audience) => void act(async () => setAlbum(await api.updateAlbum(id, { audience })))}
          />
        )}
        {mine && (
          <div className="row">
            <label htmlFor={filesId} className="button button-primary file-button">
              {t('album.upload')}
            </label>
            <input
              id={filesId}
              type="file"
              accept="image/*"
              multiple
              className="visually-hidden"
              data-testid="album-files"
              onChange={(event) => {
                const files = [...(event.target.files ?? [])];
                event.target.value = '';
                uploads.add(files, 0);
              }}
            />
            <span className="muted small">{t('album.uploadHint')}</span>
            <span className="spacer" />
            <button
              type="button"
              className="button button-danger"
              onClick={() => {
                if (!window.confirm(t('album.deleteConfirm'))) return;
                void act(async () => {
                  await api.deleteAlbum(id);
                  navigate({ page: 'space', sub: null, tab: 'albums' }, { replace: true });
                });
              }}
            >
              {t('album.delete')}
            </button>
          </div>
        )}
        <UploadTiles uploads={uploads.uploads} onRemove={uploads.remove} />
      </header>
      {photos.length === 0 && uploads.uploads.length === 0 ? (
        <EmptyState>
          <p>{mine ? t('album.empty') : t('album.emptyOther')}</p>
        </EmptyState>
      ) : (
        <ul className="album-photos" data-testid="album-photos">
          {photos.map((photo, i) => (
            <li key={photo.id} className="card album-photo">
              <button type="button" className="photo-button" onClick={() => setOpen(i)}>
                <img
                  src={photo.urls.thumb}
                  alt={photo.caption || t('item.photoAlt', { n: i + 1, count: photos.length })}
                  loading="lazy"
                />
              </button>
              {mine ? (
                <PhotoOwnerTools
                  photo={photo}
                  n={i + 1}
                  isCover={album.coverPhotoId === photo.id}
                  onCaption={(updated) =>
                    setPhotos((list) => list.map((p) => (p.id === updated.id ? updated : p)))
                  }
                  onCover={() =>
                    act(async () => setAlbum(await api.updateAlbum(id, { coverPhotoId: photo.id })))
                  }
                  onDelete={() => {
                    if (!window.confirm(t('album.deletePhotoConfirm'))) return;
                    void act(async () => {
                      await api.deletePhoto(photo.id);
                      setPhotos((list) => list.filter((p) => p.id !== photo.id));
                    });
                  }}
                />
              ) : (
                photo.caption && <p className="small">{photo.caption}</p>
              )}
            </li>
          ))}
        </ul>
      )}
      {next && (
        <button
          type="button"
          className="button load-more"
          onClick={() =>
            void act(async () => {
              const page = await api.album(id, next);
              setPhotos((list) => [...list, ...page.photos]);
              setNext(page.next);
            })
          }
        >
          {t('common.loadMore')}
        </button>
      )}
      {open !== null && (
        <Lightbox photos={photos} index={open} onIndex={setOpen} onClose={() => setOpen(null)} />
      )}
    </section>
  );
}

/** A photo's caption (saved on leaving the field), "make cover" and delete, for the album's owner. */
function PhotoOwnerTools({
  photo,
  n,
  isCover,
  onCaption,
  onCover,
  onDelete,
}: {
  photo: Photo;
  n: number;
  isCover: boolean;
  onCaption: (photo: Photo) => void;
  onCover: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  const { notify } = useApp();
  const describe = useErrorText();
  const [caption, setCaption] = useState(photo.caption);
  const id = useId();
  const saveCaption = async () => {
    if (caption === photo.caption) return;
    try {
      onCaption(await api.captionPhoto(photo.id, caption));
      notify(t('album.saved'));
    } catch (error) {
      notify(describe(error), 'error');
    }
  };
  return (
    <div className="stack small">
      <label htmlFor={id} className="visually-hidden">
        {t('album.captionOf', { n })}
      </label>
      <input
        id={id}
        value={caption}
        maxLength={500}
        placeholder={t('album.caption')}
        onChange={(event) => setCaption(event.target.value)}
        onBlur={() => void saveCaption()}
      />
      <div className="row">
        {isCover ? (
          <span className="tag tag-accent">{t('album.isCover')}</span>
        ) : (
          <button type="button" className="link-button" onClick={onCover}>
            {t('album.setCover')}
          </button>
        )}
        <button type="button" className="link-button danger" onClick={onDelete}>
          {t('album.deletePhoto')}
        </button>
      </div>
    </div>
  );
}
