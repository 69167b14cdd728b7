import { useId } from 'react';

/** A badge colour: the browser's colour picker beside the same value as `#rrggbb` text, either one editable. */
export function ColorField({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const id = useId();
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <div className="color-row">
        <input
          type="color"
          className="color-swatch"
          // The picker only holds a valid colour; while the text is half typed it shows black.
          value={/^#[0-9a-f]{6}$/i.test(value) ? value.toLowerCase() : '#000000'}
          onChange={(event) => onChange(event.target.value)}
          aria-label={label}
          data-testid="tier-color"
        />
        <input
          id={id}
          className="price-input"
          value={value}
          maxLength={7}
          spellCheck={false}
          autoCapitalize="none"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => onChange(event.target.value.trim())}
          data-testid="tier-color-text"
        />
      </div>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
