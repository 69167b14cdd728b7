import { useErrorText } from '../i18n/use-error-text';

/** The form-level error, announced as soon as it appears. Renders nothing without an error. */
export function FormError({ error, text }: { error: unknown; text?: string }) {
  const { message } = useErrorText();
  if (!error) return null;
  return (
    <div role="alert" className="alert alert-error" data-testid="form-error">
      {text ?? message(error)}
    </div>
  );
}
