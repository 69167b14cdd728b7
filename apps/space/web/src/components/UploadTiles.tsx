import { useTranslation } from 'react-i18next';
import { useErrorText } from '../lib/use-error-text';
import type { Upload } from '../lib/use-uploads';

/** The files being uploaded: a preview each, its progress bar, and a button to take it out. */
export function UploadTiles({ uploads, onRemove }: { uploads: Upload[]; onRemove: (key: string) => void }) {
  const { t } = useTranslation();
  const describe = useErrorText();
  if (uploads.length === 0) return null;
  return (
    <ul className="upload-tiles" data-testid="upload-tiles">
      {uploads.map((upload, i) => {
        const percent = Math.round(upload.progress * 100);
        return (
          <li
            key={upload.key}
            className={`upload-tile upload-${upload.status}`}
            data-testid="upload-tile"
            data-status={upload.status}
          >
            <img
              src={upload.photo?.urls.thumb ?? upload.preview}
              alt={t('item.photoAlt', { n: i + 1, count: uploads.length })}
            />
            {upload.status === 'uploading' && (
              <div className="upload-progress">
                <progress max={100} value={percent} aria-label={t('composer.uploading', { percent })} />
                <span aria-hidden="true">{percent}%</span>
              </div>
            )}
            {upload.status === 'failed' && (
              <p className="upload-error" role="alert">
                {t('composer.uploadFailed')}: {describe(upload.error)}
              </p>
            )}
            <button
              type="button"
              className="upload-remove"
              aria-label={t('composer.remove', { n: i + 1 })}
              onClick={() => onRemove(upload.key)}
            >
              <span aria-hidden="true">×</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
