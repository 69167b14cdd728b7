import { ApiError, fieldProblems } from '@orbit/ui/api';

/**
 * Cursor paging for the console's lists. The hub answers a page and a cursor for the next one; going back needs
 * the cursors of the pages before, which the page keeps in the browser history's state (it survives a reload,
 * and Back and Forward walk the pages). A shared address has the cursor but no history: "Previous" then goes to
 * the first page.
 */

/** What the history entry of a page remembers: the cursors of the pages before it, the first page's as ''. */
export interface PagingState {
  previous: string[];
}

/** The paging state in a history entry's `state`, or none for anything else (a first visit, a shared link). */
export function pagingOf(state: unknown): PagingState {
  if (typeof state !== 'object' || state === null) return { previous: [] };
  const { previous } = state as { previous?: unknown };
  if (!Array.isArray(previous) || !previous.every((c) => typeof c === 'string')) return { previous: [] };
  return { previous: previous as string[] };
}

/** Where "Next" goes from the page at `cursor` (null: the first page): the next cursor, and the way back. */
export function nextPage(
  current: PagingState,
  cursor: string | null,
  nextCursor: string,
): { cursor: string; state: PagingState } {
  return { cursor: nextCursor, state: { previous: [...current.previous, cursor ?? ''] } };
}

/**
 * Where "Previous" goes: the page before (null cursor for the first page), with the way back from there; the first
 * page when there is no history (a shared link to a later page).
 */
export function previousPage(current: PagingState): { cursor: string | null; state: PagingState } {
  const previous = current.previous.slice(0, -1);
  const cursor = current.previous.at(-1) ?? '';
  return { cursor: cursor || null, state: { previous } };
}

/** The 1-based number of the page shown, when it is known (always, but after a shared link to a later page). */
export function pageNumber(current: PagingState, cursor: string | null): number | null {
  if (!cursor) return 1;
  return current.previous.length > 0 ? current.previous.length + 1 : null;
}

/** "Showing 51–100 of 1,234": the range of the rows on a page, when its number is known. */
export function rowRange(
  page: number | null,
  pageSize: number,
  rows: number,
): { first: number; last: number } | null {
  if (page === null || rows === 0) return null;
  const first = (page - 1) * pageSize + 1;
  return { first, last: first + rows - 1 };
}

/**
 * Whether the hub refused the page's address itself (a hand-edited filter, a cursor from an older list): the
 * page then offers to start over rather than a form error about fields it doesn't show.
 */
export function isBadAddress(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'request.invalid' && fieldProblems(error).length > 0;
}
