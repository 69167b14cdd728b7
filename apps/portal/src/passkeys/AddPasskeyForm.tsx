import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddedPasskey } from '../api/security';
import { FormError } from '../components/FormError';
import { TextField } from '../components/TextField';
import { useErrorText } from '../i18n/use-error-text';
import { useAction } from '../lib/use-action';
import { enrollPasskey } from './ceremonies';
import { isAborted } from './ceremony-error';

export const PASSKEY_NAME_MAX = 64;

interface AddPasskeyFormProps {
  onAdded: (added: AddedPasskey) => void;
  onCancel?: () => void;
}

/**
 * Names a new passkey (optional: the hub picks "Passkey 2"), then lets the browser create it on this device or
 * a security key. When the account already has a passkey, the hub first asks for a step-up, which the client
 * handles with its dialog.
 */
export function AddPasskeyForm({ onAdded, onCancel }: AddPasskeyFormProps) {
  const { t } = useTranslation();
  const { fields } = useErrorText();
  const [name, setName] = useState('');
  const add = useAction(enrollPasskey);
  const error = isAborted(add.error) ? null : add.error;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = name.trim();
    const result = await add.run(trimmed === '' ? undefined : trimmed);
    if (result.ok) onAdded(result.value);
  };

  return (
    <form className="form add-passkey" onSubmit={submit} noValidate data-testid="passkey-add-form">
      <FormError error={error} />
      <TextField
        label={t('passkeys.add.name')}
        name="passkeyName"
        testId="passkey-name"
        value={name}
        onChange={setName}
        hint={t('passkeys.add.nameHint')}
        error={fields(add.error).name}
        maxLength={PASSKEY_NAME_MAX}
        autoComplete="off"
        optional
      />
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          data-testid="passkey-add-submit"
          disabled={add.pending}
        >
          {add.pending ? t('passkeys.add.waiting') : t('passkeys.add.submit')}
        </button>
        {onCancel && (
          <button
            type="button"
            className="button"
            data-testid="passkey-add-cancel"
            disabled={add.pending}
            onClick={onCancel}
          >
            {t('passkeys.add.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
