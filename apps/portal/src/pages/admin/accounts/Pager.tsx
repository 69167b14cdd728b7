import { useTranslation } from 'react-i18next';

interface PagerProps {
  /** Whether there is a page before this one (any page but the first). */
  hasPrevious: boolean;
  /** Whether the hub said there is a next page. */
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  /** While a page loads: both buttons wait. */
  busy?: boolean;
  testId: string;
  /** "Older" / "Newer" for a log, "Next" / "Previous" for a list. */
  labels?: { previous: string; next: string };
}

/** Previous and Next under a paged list; nothing when everything fits on one page. */
export function Pager({
  hasPrevious,
  hasNext,
  onPrevious,
  onNext,
  busy = false,
  testId,
  labels,
}: PagerProps) {
  const { t } = useTranslation();
  if (!hasPrevious && !hasNext) return null;
  return (
    <nav className="console-pager" aria-label={t('adminAccounts.pager.label')} data-testid={testId}>
      <button
        type="button"
        className="button"
        disabled={!hasPrevious || busy}
        onClick={onPrevious}
        data-testid={`${testId}-previous`}
      >
        {labels?.previous ?? t('adminAccounts.pager.previous')}
      </button>
      <button
        type="button"
        className="button"
        disabled={!hasNext || busy}
        onClick={onNext}
        data-testid={`${testId}-next`}
      >
        {labels?.next ?? t('adminAccounts.pager.next')}
      </button>
    </nav>
  );
}
