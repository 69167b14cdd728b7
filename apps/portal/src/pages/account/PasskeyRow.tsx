import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { security } from '../../api/security';
import type { Passkey } from '../../api/types';
import { FormError } from '../../components/FormError';
import { TextField } from '../../components/TextField';
import { formatDateTime } from '../../i18n/dates';
import { useErrorText } from '../../i18n/use-error-text';
import { useAction } from '../../lib/use-action';
import { PASSKEY_NAME_MAX } from '../../passkeys/AddPasskeyForm';
import { passkeyKind } from '../../passkeys/labels';

interface PasskeyRowProps {
  passkey: Passkey;
  /** Another passkey is being changed: this row waits. */
  disabled: boolean;
  onRenamed: (passkey: Passkey) => void;
  onRemove: () => void;
}

/** One passkey: its name (renamed in place), where it lives, when it was added and last used. */
export function PasskeyRow({ passkey, disabled, onRenamed, onRemove }: PasskeyRowProps) {
  const { t, i18n } = useTranslation();
  const { fields } = useErrorText();
  const language = i18n.resolvedLanguage ?? 'en';
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(passkey.name);
  const rename = useAction(security.renamePasskey);
  const kind = passkeyKind(passkey.transports);

  const startEditing = () => {
    rename.reset();
    setName(passkey.name);
    setEditing(true);
  };

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === passkey.name) {
      setEditing(false);
      return;
    }
    const result = await rename.run(passkey.id, trimmed);
    if (!result.ok) return;
    setEditing(false);
    onRenamed(result.value);
  };

  return (
    <li className="session-row passkey-row" data-testid="passkey-row" data-passkey-id={passkey.id}>
      <div className="session-main">
        {editing ? (
          <form className="passkey-rename" onSubmit={save} noValidate>
            <FormError error={rename.error} />
            <TextField
              label={t('passkeys.rename.label')}
              name="passkeyName"
              testId="passkey-rename-input"
              value={name}
              onChange={setName}
              error={fields(rename.error).name}
              maxLength={PASSKEY_NAME_MAX}
              autoComplete="off"
            />
            <div className="form-actions">
              <button
                type="submit"
                className="button button-primary"
                data-testid="passkey-rename-save"
                disabled={rename.pending || name.trim() === ''}
              >
                {rename.pending ? t('passkeys.rename.saving') : t('passkeys.rename.save')}
              </button>
              <button
                type="button"
                className="button"
                data-testid="passkey-rename-cancel"
                disabled={rename.pending}
                onClick={() => setEditing(false)}
              >
                {t('passkeys.rename.cancel')}
              </button>
            </div>
          </form>
        ) : (
          <p className="session-device">
            <span data-testid="passkey-name-text">{passkey.name}</span>
            {passkey.backedUp && (
              <span className="badge badge-current" data-testid="passkey-synced">
                {t('passkeys.synced')}
              </span>
            )}
            {kind && (
              <span className="badge badge-muted" data-testid="passkey-kind" data-kind={kind}>
                {t(kind === 'device' ? 'passkeys.kind.device' : 'passkeys.kind.securityKey')}
              </span>
            )}
          </p>
        )}
        <dl className="session-facts">
          <div>
            <dt>{t('passkeys.created')}</dt>
            <dd>
              <time dateTime={passkey.createdAt}>{formatDateTime(passkey.createdAt, language)}</time>
            </dd>
          </div>
          <div>
            <dt>{t('passkeys.lastUsed')}</dt>
            <dd>
              {passkey.lastUsedAt ? (
                <time dateTime={passkey.lastUsedAt}>{formatDateTime(passkey.lastUsedAt, language)}</time>
              ) : (
                t('passkeys.neverUsed')
              )}
            </dd>
          </div>
        </dl>
      </div>
      {!editing && (
        <div className="row-actions">
          <button
            type="button"
            className="button"
            data-testid="passkey-rename"
            aria-label={t('passkeys.rename.buttonLabel', { name: passkey.name })}
            disabled={disabled}
            onClick={startEditing}
          >
            {t('passkeys.rename.button')}
          </button>
          <button
            type="button"
            className="button button-danger"
            data-testid="passkey-remove"
            aria-label={t('passkeys.remove.buttonLabel', { name: passkey.name })}
            disabled={disabled}
            onClick={onRemove}
          >
            {t('passkeys.remove.button')}
          </button>
        </div>
      )}
    </li>
  );
}
