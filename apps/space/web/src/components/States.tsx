import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../lib/use-error-text';

/** A part of the page on its way. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p role="status" className="state state-loading">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

/** A part of the page that failed, in words, with a way to try again. */
export function ErrorState({ error, retry, title }: { error: unknown; retry?: () => void; title?: string }) {
  const { t } = useTranslation();
  const describe = useErrorText();
  return (
    <div role="alert" className="state state-error" data-testid="error-state">
      {title && <p className="state-title">{title}</p>}
      <p>{describe(error)}</p>
      {retry && (
        <button type="button" className="button" onClick={retry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** Nothing to show yet, and what to do about it. */
export function EmptyState({
  title,
  children,
  testId,
}: {
  title?: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div className="state state-empty" data-testid={testId ?? 'empty-state'}>
      {title && <p className="state-title">{title}</p>}
      <div className="state-text">{children}</div>
    </div>
  );
}
