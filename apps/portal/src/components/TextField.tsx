import { type HTMLAttributes, type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';

interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  name: string;
  type?: 'text' | 'email' | 'password';
  multiline?: boolean;
  hint?: string;
  /** Shown beside the field, and marks it invalid. */
  error?: string;
  optional?: boolean;
  autoComplete?: string;
  maxLength?: number;
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  /** Under the field, e.g. a character count. */
  footer?: ReactNode;
  disabled?: boolean;
  /** No auto-capitalising or spell-checking (handles, emails, passwords). Defaults to true except for text. */
  verbatim?: boolean;
  /** An example or the value used when left empty (never instead of the label). */
  placeholder?: string;
}

/** A labelled input or textarea, with its hint and error tied to it for assistive technology. */
export function TextField({
  label,
  value,
  onChange,
  testId,
  name,
  type = 'text',
  multiline = false,
  hint,
  error,
  optional = false,
  autoComplete,
  maxLength,
  inputMode,
  footer,
  disabled,
  verbatim = type !== 'text',
  placeholder,
}: TextFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  // While the field is in error, the error (which restates the rule) takes the hint's place.
  const shownHint = error ? undefined : hint;
  const describedBy = error ? errorId : shownHint ? hintId : undefined;
  const common = {
    id,
    name,
    value,
    maxLength,
    disabled,
    autoComplete,
    placeholder,
    'data-testid': testId,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': optional ? undefined : true,
  };

  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {optional && <span className="field-optional">{t('form.optional')}</span>}
      </label>
      {multiline ? (
        <textarea {...common} rows={4} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input
          {...common}
          type={type}
          inputMode={inputMode}
          autoCapitalize={verbatim ? 'none' : undefined}
          spellCheck={verbatim ? false : undefined}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
      {(shownHint || footer) && (
        <div className="field-meta">
          {shownHint && (
            <p id={hintId} className="field-hint">
              {shownHint}
            </p>
          )}
          {footer}
        </div>
      )}
    </div>
  );
}
