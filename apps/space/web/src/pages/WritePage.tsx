import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/space';
import type { Audience, Compose, Photo, Post } from '../api/types';
import { AudiencePicker } from '../components/AudiencePicker';
import { ErrorState, Loading } from '../components/States';
import { UploadTiles } from '../components/UploadTiles';
import { useApp } from '../lib/app-context';
import { useNavigation } from '../lib/navigation';
import { useErrorText } from '../lib/use-error-text';
import { useUploads } from '../lib/use-uploads';

/**
 * The post editor (`/write`, `/write/<id>`): title, Markdown, a cover photo and the audience; saved as a draft or
 * published. The Preview tab saves a draft and shows the text as the server renders it (the same HTML readers get).
 */
export function WritePage({ id }: { id: string | null }) {
  const { t } = useTranslation();
  const [post, setPost] = useState<Post | null>(null);
  const [compose, setCompose] = useState<Compose | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    setError(null);
    Promise.all([id ? api.post(id) : Promise.resolve(null), api.compose()]).then(
      ([found, answer]) => {
        if (!live) return;
        setPost(found);
        setCompose(answer);
      },
      (caught: unknown) => live && setError(caught),
    );
    return () => {
      live = false;
    };
  }, [id]);

  useEffect(() => {
    document.title = t('app.pageTitle', { page: id ? t('write.editTitle') : t('write.newTitle') });
  }, [id, t]);

  if (error) return <ErrorState error={error} />;
  if (!compose || (id && !post)) return <Loading />;
  return <Editor key={id ?? 'new'} initial={post} compose={compose} />;
}

/** What the form itself refuses, in the page's words. */
class FormProblem extends Error {}

function Editor({ initial, compose }: { initial: Post | null; compose: Compose }) {
  const { t } = useTranslation();
  const { notify } = useApp();
  const { navigate } = useNavigation();
  const describe = useErrorText();
  const titleId = useId();
  const bodyId = useId();
  const coverId = useId();
  const [post, setPost] = useState<Post | null>(initial);
  const [title, setTitle] = useState(initial?.title ?? '');
  const [body, setBody] = useState(initial?.body ?? '');
  const [audience, setAudience] = useState<Audience>(initial?.audience ?? compose.defaultAudience);
  const [cover, setCover] = useState<Photo | null>(initial?.cover ?? null);
  const [tab, setTab] = useState<'edit' | 'preview'>('edit');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const coverUpload = useUploads({ limit: 1 });
  const uploadedCover = coverUpload.photos[0] ?? null;
  const coverPhoto = uploadedCover ?? cover;
  const published = post?.status === 'published';

  /** Saves what the form holds: a new draft, or changes to the post. */
  async function save(): Promise<Post> {
    if (!title.trim()) throw new FormProblem(t('write.titleRequired'));
    const fields = { title, body, coverPhotoId: coverPhoto?.id ?? null, audience };
    const saved = post
      ? await api.edit(post.id, fields)
      : await api.create({ kind: 'post', ...fields, status: 'draft' });
    setPost(saved);
    // The address names the saved post (a reload edits it), without remounting the editor.
    if (!post) window.history.replaceState(null, '', `/write/${encodeURIComponent(saved.id)}`);
    return saved;
  }

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(error instanceof FormProblem ? error.message : describe(error));
    } finally {
      setBusy(false);
    }
  }

  const saveDraft = () =>
    run(async () => {
      await save();
      notify(published ? t('write.published') : t('write.saved'));
    });
  const publish = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const saved = await save();
      const done = saved.status === 'published' ? saved : await api.publish(saved.id);
      notify(t('write.published'));
      navigate({ page: 'post', id: done.id });
    });
  };
  const preview = () =>
    run(async () => {
      setTab('preview');
      if (title.trim()) await save();
    });

  return (
    <form className="card editor stack" onSubmit={publish} data-testid="editor">
      <h1 className="page-title">{post ? t('write.editTitle') : t('write.newTitle')}</h1>
      <label htmlFor={titleId}>{t('write.titleLabel')}</label>
      <input
        id={titleId}
        value={title}
        maxLength={200}
        required
        onChange={(event) => setTitle(event.target.value)}
        data-testid="editor-title"
      />
      <div className="tabs" role="tablist">
        <button
          type="button"
          role="tab"
          className={`tab${tab === 'edit' ? ' tab-on' : ''}`}
          aria-selected={tab === 'edit'}
          onClick={() => setTab('edit')}
        >
          {t('write.editTab')}
        </button>
        <button
          type="button"
          role="tab"
          className={`tab${tab === 'preview' ? ' tab-on' : ''}`}
          aria-selected={tab === 'preview'}
          disabled={busy}
          onClick={() => void preview()}
          data-testid="editor-preview-tab"
        >
          {t('write.previewTab')}
        </button>
      </div>
      {tab === 'edit' ? (
        <>
          <label htmlFor={bodyId}>{t('write.bodyLabel')}</label>
          <textarea
            id={bodyId}
            value={body}
            rows={16}
            maxLength={100_000}
            onChange={(event) => setBody(event.target.value)}
            data-testid="editor-body"
          />
          <p className="muted small">{t('write.bodyHint')}</p>
        </>
      ) : (
        <div className="preview" role="tabpanel" data-testid="editor-preview">
          <p className="muted small">{t('write.previewHint')}</p>
          {post?.bodyHtml ? (
            <div
              className="post-text"
              // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised HTML from Space's own server
              dangerouslySetInnerHTML={{ __html: post.bodyHtml }}
            />
          ) : (
            <p>{t('write.previewEmpty')}</p>
          )}
        </div>
      )}
      <fieldset className="cover-field">
        <legend>{t('write.cover')}</legend>
        {coverPhoto && coverUpload.uploads.length === 0 && (
          <img className="cover-preview" src={coverPhoto.urls.thumb} alt={t('write.cover')} />
        )}
        <UploadTiles uploads={coverUpload.uploads} onRemove={coverUpload.remove} />
        <div className="row">
          <label htmlFor={coverId} className="button button-quiet file-button">
            {t('write.coverAdd')}
          </label>
          <input
            id={coverId}
            type="file"
            accept="image/*"
            className="visually-hidden"
            onChange={(event) => {
              const files = [...(event.target.files ?? [])];
              event.target.value = '';
              for (const upload of coverUpload.uploads) coverUpload.remove(upload.key);
              coverUpload.add(files, 0);
            }}
          />
          {coverPhoto && (
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setCover(null);
                for (const upload of coverUpload.uploads) coverUpload.remove(upload.key);
              }}
            >
              {t('write.coverRemove')}
            </button>
          )}
        </div>
      </fieldset>
      <AudiencePicker
        value={audience}
        groups={compose.groups}
        friends={compose.friends}
        onChange={setAudience}
        testId="editor-audience"
      />
      {problem && (
        <p role="alert" className="alert alert-error">
          {problem}
        </p>
      )}
      <div className="row">
        {!published && (
          <button
            type="button"
            className="button"
            disabled={busy || coverUpload.busy}
            onClick={() => void saveDraft()}
            data-testid="editor-save"
          >
            {t('write.saveDraft')}
          </button>
        )}
        <button
          type="submit"
          className="button button-primary"
          disabled={busy || coverUpload.busy}
          data-testid="editor-publish"
        >
          {published ? t('write.update') : t('write.publish')}
        </button>
      </div>
    </form>
  );
}
