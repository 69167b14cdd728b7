import { ApiError } from '@orbit/ui/api';
import { type ChangeEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/orbit';
import type { Account } from '../../api/types';
import { Avatar } from '../../components/Avatar';
import { FormError } from '../../components/FormError';
import { AVATAR_TYPES, avatarFileProblem } from '../../lib/avatar-file';
import { useAction } from '../../lib/use-action';
import { useSession } from '../../session/context';

type Done = 'updated' | 'removed' | null;

/** Upload (PNG, JPEG, WebP or GIF, ≤ 256 KiB) or remove the account's picture. */
export function AvatarEditor({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { updateAccount } = useSession();
  const inputId = useId();
  const hintId = useId();
  const [fileProblem, setFileProblem] = useState<ApiError | null>(null);
  const [done, setDone] = useState<Done>(null);
  const upload = useAction(api.uploadAvatar);
  const remove = useAction(api.removeAvatar);
  const busy = upload.pending || remove.pending;
  const error = fileProblem ?? avatarError(upload.error) ?? remove.error;

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // choosing the same file again should upload again
    if (!file) return;
    setDone(null);
    remove.reset();
    const problem = avatarFileProblem(file);
    setFileProblem(problem ? new ApiError(0, problem, '') : null);
    if (problem) {
      upload.reset();
      return;
    }
    const result = await upload.run(file);
    if (result.ok) {
      updateAccount(result.value);
      setDone('updated');
    }
  };

  const clear = async () => {
    setDone(null);
    setFileProblem(null);
    upload.reset();
    const result = await remove.run();
    if (result.ok) {
      updateAccount(result.value);
      setDone('removed');
    }
  };

  return (
    <div className="avatar-editor">
      <Avatar account={account} size="lg" />
      <div className="avatar-controls">
        <p className="avatar-title">{t('account.avatar.title')}</p>
        <div className="avatar-buttons">
          {/* The native input is hidden (its "Choose file" text can't be translated); its label is the button. */}
          <input
            id={inputId}
            className="avatar-file visually-hidden"
            type="file"
            accept={AVATAR_TYPES.join(',')}
            aria-describedby={hintId}
            disabled={busy}
            onChange={choose}
          />
          <label htmlFor={inputId} className="button">
            {upload.pending ? t('account.avatar.uploading') : t('account.avatar.choose')}
          </label>
          {account.avatarUrl && (
            <button type="button" className="button button-danger" disabled={busy} onClick={clear}>
              {remove.pending ? t('account.avatar.removing') : t('account.avatar.remove')}
            </button>
          )}
        </div>
        <p id={hintId} className="field-hint">
          {t('account.avatar.hint')}
        </p>
        <FormError error={error} />
        <div role="status" className="form-status">
          {done && (
            <span className="saved">
              {t(done === 'updated' ? 'account.avatar.updated' : 'account.avatar.removed')}
            </span>
          )}
        </div>
      </div>
    </div>
  );
}

/** The hub's generic "body too large" means, for an avatar, "the picture is too large". */
function avatarError(error: unknown): unknown {
  if (error instanceof ApiError && error.code === 'request.too_large') {
    return new ApiError(error.status, 'avatar.too_large', error.message);
  }
  return error || null;
}
