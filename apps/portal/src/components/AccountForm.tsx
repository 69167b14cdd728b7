import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NewAccount } from '../api/orbit';
import { useErrorText } from '../i18n/use-error-text';
import { passwordTooShort } from '../lib/password';
import { FormError } from './FormError';
import { TextField } from './TextField';

interface AccountFormProps {
  /** `signup` or `setup`: the prefix of every field's `data-testid`. */
  testIdPrefix: 'signup' | 'setup';
  submitLabel: string;
  submittingLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (account: NewAccount) => void;
}

/** Handle, display name, optional email and password: the form that creates an account (or the first admin). */
export function AccountForm({
  testIdPrefix,
  submitLabel,
  submittingLabel,
  pending,
  error,
  onSubmit,
}: AccountFormProps) {
  const { t } = useTranslation();
  const { fields } = useErrorText();
  const [handle, setHandle] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // Checked here as well as on the hub, which reports a malformed handle before it looks at the password:
  // both problems then show after one try. Cleared as soon as the password is edited.
  const [shortPassword, setShortPassword] = useState(false);
  const problems = fields(error);
  const passwordProblem = problems.password ?? (shortPassword ? t('errors.password.too_short') : undefined);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setShortPassword(passwordTooShort(password));
    const trimmedEmail = email.trim();
    onSubmit({
      handle: handle.trim(),
      displayName: displayName.trim(),
      ...(trimmedEmail ? { email: trimmedEmail } : {}),
      password,
    });
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormError error={error} />
      <TextField
        label={t('signup.handle')}
        name="handle"
        testId={`${testIdPrefix}-handle`}
        value={handle}
        onChange={setHandle}
        hint={t('signup.handleHint')}
        error={problems.handle}
        autoComplete="username"
        maxLength={32}
        verbatim
      />
      <TextField
        label={t('signup.displayName')}
        name="displayName"
        testId={`${testIdPrefix}-display-name`}
        value={displayName}
        onChange={setDisplayName}
        hint={t('signup.displayNameHint')}
        error={problems.displayName}
        autoComplete="nickname"
        maxLength={64}
      />
      <TextField
        label={t('signup.email')}
        name="email"
        type="email"
        testId={`${testIdPrefix}-email`}
        value={email}
        onChange={setEmail}
        hint={t('signup.emailHint')}
        error={problems.email}
        autoComplete="email"
        maxLength={254}
        optional
      />
      <TextField
        label={t('signup.password')}
        name="password"
        type="password"
        testId={`${testIdPrefix}-password`}
        value={password}
        onChange={(value) => {
          setPassword(value);
          setShortPassword(false);
        }}
        hint={t('signup.passwordHint')}
        error={passwordProblem}
        autoComplete="new-password"
        maxLength={256}
      />
      <button
        type="submit"
        className="button button-primary"
        data-testid={`${testIdPrefix}-submit`}
        disabled={pending}
      >
        {pending ? submittingLabel : submitLabel}
      </button>
    </form>
  );
}
