import { ApiError } from '@orbit/ui/api';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AddedPasskey, security } from '../api/security';
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
  /** What the hub calls the passkey when no name is given ("Chrome on Linux"), shown in the empty field. */
  suggestedName?: string | undefined;
}

const needsPassword = (error: unknown) =>
  error instanceof ApiError && error.code === 'reauthentication_required';

/**
 * Names a new passkey (optional: the hub names it after the device, e.g. "Chrome on Linux"), then lets the browser create it on this device or
 * a security key. When the account already has a passkey, the hub first asks for a step-up, which the client
 * handles with its dialog. The first passkey needs the password entered in the last five minutes: when the hub
 * says so, the form asks for it, re-authenticates, and goes on.
 */
export function AddPasskeyForm({ onAdded, onCancel, suggestedName }: AddPasskeyFormProps) {
  const { t } = useTranslation();
  const { fields } = useErrorText();
  const [name, setName] = useState('');
  const [askPassword, setAskPassword] = useState(false);
  const [password, setPassword] = useState('');
  const add = useAction(enrollPasskey);
  const reauthenticate = useAction(security.reauthenticate);
  const pending = add.pending || reauthenticate.pending;
  const error = reauthenticate.error ?? (isAborted(add.error) || needsPassword(add.error) ? null : add.error);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (askPassword) {
      if (!(await reauthenticate.run(password)).ok) return;
      setAskPassword(false);
      setPassword('');
    }
    const trimmed = name.trim();
    const result = await add.run(trimmed === '' ? undefined : trimmed);
    if (result.ok) onAdded(result.value);
    else if (needsPassword(result.error)) setAskPassword(true);
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
        hint={
          suggestedName
            ? t('accountCenter.passkeyName.hint', { name: suggestedName })
            : t('passkeys.add.nameHint')
        }
        placeholder={suggestedName}
        error={fields(add.error).name}
        maxLength={PASSKEY_NAME_MAX}
        autoComplete="off"
        optional
      />
      {askPassword && (
        <>
          <p className="alert alert-info" data-testid="passkey-reauthenticate-intro">
            {t('reauthenticate.intro')}
          </p>
          <TextField
            label={t('reauthenticate.password')}
            name="password"
            type="password"
            testId="passkey-reauthenticate-password"
            value={password}
            onChange={setPassword}
            error={fields(reauthenticate.error).password}
            autoComplete="current-password"
          />
        </>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          data-testid="passkey-add-submit"
          disabled={pending || (askPassword && password === '')}
        >
          {add.pending
            ? t('passkeys.add.waiting')
            : askPassword
              ? t('reauthenticate.submit')
              : t('passkeys.add.submit')}
        </button>
        {onCancel && (
          <button
            type="button"
            className="button"
            data-testid="passkey-add-cancel"
            disabled={pending}
            onClick={onCancel}
          >
            {t('passkeys.add.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
