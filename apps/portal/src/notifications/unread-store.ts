import { useEffect, useSyncExternalStore } from 'react';
import { NOTIFICATIONS_STREAM } from '../api/notifications';

/**
 * The signed-in account's unread count across every service, live: one `EventSource` on the hub's stream, opened
 * while something shows the count (the top bar's bell) and closed when nothing does — on sign-out, when the bell
 * unmounts. The browser reconnects a dropped stream by itself; a stream the hub refused (answered with an error,
 * which ends an `EventSource` for good) is opened again after a pause. Actions that answer the count (mark read,
 * delete) share it at once, so the bell never lags behind the page that changed it.
 */

/** The pause before opening a refused stream again, doubled each time up to the most. */
const RETRY_MS = 5_000;
const RETRY_MAX_MS = 5 * 60_000;

let snapshot: { accountId: string; unread: number } | null = null;
const listeners = new Set<() => void>();
let connection: { accountId: string; users: number; close: () => void } | null = null;

function set(accountId: string, unread: number): void {
  if (snapshot?.accountId === accountId && snapshot.unread === unread) return;
  snapshot = { accountId, unread };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Shares a count an action answered (`POST /api/notifications/:id/read` and the like). */
export function showUnread(accountId: string, unread: number): void {
  set(accountId, unread);
}

/** Opens the stream for `accountId` (or counts one more user of it); the answer closes it with the last user. */
function connect(accountId: string): () => void {
  if (connection?.accountId !== accountId) {
    connection?.close();
    connection = { accountId, users: 0, close: open(accountId) };
  }
  const current = connection;
  current.users++;
  return () => {
    current.users--;
    if (current.users === 0 && connection === current) {
      current.close();
      connection = null;
    }
  };
}

function open(accountId: string): () => void {
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let pause = RETRY_MS;
  let closed = false;
  const start = () => {
    source = new EventSource(NOTIFICATIONS_STREAM);
    source.addEventListener('unread', (event) => {
      pause = RETRY_MS;
      const unread = readUnread((event as MessageEvent<string>).data);
      if (unread !== null) set(accountId, unread);
    });
    source.addEventListener('error', () => {
      // CONNECTING: the browser is already trying again. CLOSED: the hub refused it (too many streams, a
      // session that just ended): try once more later, unless the bell has gone meanwhile.
      if (source?.readyState !== EventSource.CLOSED || closed) return;
      retry = setTimeout(() => {
        if (!closed) start();
      }, pause);
      pause = Math.min(pause * 2, RETRY_MAX_MS);
    });
  };
  start();
  return () => {
    closed = true;
    clearTimeout(retry);
    source?.close();
  };
}

/** The count an `unread` event carries (`{"unread": n}`); null for anything else. */
export function readUnread(data: string): number | null {
  try {
    const value = (JSON.parse(data) as { unread?: unknown }).unread;
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
  } catch {
    return null;
  }
}

/** The unread count of `accountId`, live while shown; null until the stream first says it. */
export function useUnreadCount(accountId: string | null): number | null {
  const current = useSyncExternalStore(subscribe, () => snapshot);
  useEffect(() => {
    if (!accountId) return;
    return connect(accountId);
  }, [accountId]);
  return accountId && current?.accountId === accountId ? current.unread : null;
}
