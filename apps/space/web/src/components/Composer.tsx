import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/space';
import type { Audience, Compose, Post } from '../api/types';
import { useApp } from '../lib/app-context';
import { useErrorText } from '../lib/use-error-text';
import { useUploads } from '../lib/use-uploads';
import { AudiencePicker } from './AudiencePicker';
import { PhotoIcon } from './icons';
import { UploadTiles } from './UploadTiles';

const MAX_PHOTOS = 9;
const MAX_TEXT = 2000;

/**
 * The moment composer on top of the feed: text, up to nine photos uploading as soon as they are chosen (each
 * with its progress, removable), and the audience, preselected from `GET /api/compose`.
 */
export function Composer({ onPosted }: { onPosted: (post: Post) => void }) {
  const { t } = useTranslation();
  const { notify } = useApp();
  const describe = useErrorText();
  const textId = useId();
  const filesId = useId();
  const [text, setText] = useState('');
  const [compose, setCompose] = useState<Compose | null>(null);
  const [audience, setAudience] = useState<Audience>({ type: 'friends' });
  const [posting, setPosting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const uploads = useUploads({ limit: MAX_PHOTOS });

  useEffect(() => {
    let live = true;
    api.compose().then(
      (answer) => {
        if (!live) return;
        setCompose(answer);
        setAudience(answer.defaultAudience);
      },
      () => undefined, // the composer still works with "friends"; the server applies its own default check
    );
    return () => {
      live = false;
    };
  }, []);

  const empty = text.trim() === '' && uploads.uploads.length === 0;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (uploads.busy) {
      setProblem(t('composer.waitUploads'));
      return;
    }
    setPosting(true);
    setProblem(null);
    try {
      const post = await api.create({
        kind: 'moment',
        text,
        photoIds: uploads.photos.map((p) => p.id),
        audience,
      });
      setText('');
      uploads.clear();
      notify(t('composer.posted'));
      onPosted(post);
    } catch (error) {
      setProblem(describe(error));
    } finally {
      setPosting(false);
    }
  }

  return (
    <form className="card composer" onSubmit={submit} aria-label={t('composer.label')} data-testid="composer">
      <label htmlFor={textId} className="visually-hidden">
        {t('composer.label')}
      </label>
      <textarea
        id={textId}
        value={text}
        maxLength={MAX_TEXT}
        rows={3}
        placeholder={t('composer.placeholder')}
        onChange={(event) => setText(event.target.value)}
        data-testid="composer-text"
      />
      <UploadTiles uploads={uploads.uploads} onRemove={uploads.remove} />
      {problem && (
        <p role="alert" className="alert alert-error">
          {problem}
        </p>
      )}
      <div className="composer-bar">
        <label htmlFor={filesId} className="button button-quiet file-button">
          <PhotoIcon /> {t('composer.addPhotos')}
        </label>
        <input
          id={filesId}
          type="file"
          accept="image/*"
          multiple
          className="visually-hidden"
          data-testid="composer-files"
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = '';
            const left = uploads.add(files, uploads.uploads.length);
            if (left > 0) setProblem(t('composer.tooMany', { count: MAX_PHOTOS }));
          }}
        />
        <span className="muted small">{t('composer.photoLimit', { count: MAX_PHOTOS })}</span>
        <span className="spacer" />
        <AudiencePicker
          value={audience}
          groups={compose?.groups ?? []}
          friends={compose?.friends ?? []}
          onChange={setAudience}
          testId="composer-audience"
        />
        <button
          type="submit"
          className="button button-primary"
          disabled={empty || posting || uploads.busy}
          data-testid="composer-post"
        >
          {posting ? t('composer.posting') : t('composer.post')}
        </button>
      </div>
    </form>
  );
}
