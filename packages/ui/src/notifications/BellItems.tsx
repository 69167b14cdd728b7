import type { ReactNode } from 'react';
import type { NotificationItem } from './model';
import { NotificationLine } from './NotificationLine';

/**
 * A bell's panel list (the portal's top bar, the service shell): each item a button that opens it, unread ones
 * tinted, or `empty` when there are none. Test ids: `bell-item` (`data-id`, `data-read`), `bell-empty`.
 */
export function BellItems<T extends NotificationItem & { source: string }>({
  items,
  now,
  sourceName,
  onOpen,
  empty,
}: {
  items: readonly T[];
  now: Date;
  /** Who sent an item, in the reader's language. */
  sourceName: (source: string) => string;
  onOpen: (item: T) => void;
  empty: ReactNode;
}) {
  if (items.length === 0) {
    return (
      <p className="notification-note" data-testid="bell-empty">
        {empty}
      </p>
    );
  }
  return (
    <ul className="notification-list">
      {items.map((item) => (
        <li key={item.id}>
          <button
            type="button"
            className="notification-button"
            data-testid="bell-item"
            data-id={item.id}
            data-read={item.read ? 'true' : 'false'}
            onClick={() => onOpen(item)}
          >
            <NotificationLine item={item} source={sourceName(item.source)} now={now} />
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The bell's outline, drawn in the current colour. */
export function BellGlyph({ className }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M6 10a6 6 0 0 1 12 0c0 4.5 1.5 6.5 2.5 7.5h-17C4.5 16.5 6 14.5 6 10Z"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinejoin="round"
      />
      <path
        d="M10 20.5a2.2 2.2 0 0 0 4 0"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
      />
    </svg>
  );
}
